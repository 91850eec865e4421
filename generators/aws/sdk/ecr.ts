// The ecr calls the tool sends, named so the bundle keeps only these (see ./ec2.ts).
export {
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
  ListTagsForResourceCommand,
  paginateDescribeImages,
  paginateListImages,
} from '@aws-sdk/client-ecr';
