// Names every target shares: the tag on everything deploy creates (so a person can find it, and tell it
// from what they made by hand), and the ARN partition of a region.
export const TOOL = 'create-apprunner-app';
export const TOOL_TAG = { Key: 'created-by', Value: TOOL };

export const partitionOf = (region: string) =>
  region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
