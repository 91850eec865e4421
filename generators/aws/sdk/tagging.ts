// The resource-groups-tagging-api calls the tool sends, named so the bundle keeps only these (see ./ec2.ts).
export { paginateGetResources, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
