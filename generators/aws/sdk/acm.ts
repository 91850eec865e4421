// The acm calls the tool sends, named so the bundle keeps only these (see ./ec2.ts).
export {
  ACMClient,
  DeleteCertificateCommand,
  DescribeCertificateCommand,
  ListTagsForCertificateCommand,
  paginateListCertificates,
  RequestCertificateCommand,
} from '@aws-sdk/client-acm';
