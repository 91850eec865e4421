// The regions status and delete look in for an app's deployments. The commercial regions where Amazon ECS
// runs (App Runner is in a subset of them); opt-in regions answer with an unknown-credentials error when the
// account has not enabled them, and are then skipped quietly. Regions of other partitions (China, GovCloud)
// are looked in only when the deploy config names one.
// https://docs.aws.amazon.com/general/latest/gr/ecs-service.html
// https://docs.aws.amazon.com/general/latest/gr/apprunner.html
// https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html
export const COMMERCIAL_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'ca-west-1',
  'mx-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'af-south-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'ap-south-1',
  'ap-south-2',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
] as const;

/** Where to look: the commercial regions for a commercial config region, else that region alone. */
export function regionsToSearch(home: string): string[] {
  const commercial = COMMERCIAL_REGIONS as readonly string[];
  return commercial.includes(home) || !/^(cn|us-gov|us-iso)/.test(home) ? [...new Set([home, ...commercial])] : [home];
}

/** Where App Runner is offered (its endpoints page): its services are listed only there. */
export const APPRUNNER_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
] as const;

export const offersAppRunner = (region: string) => (APPRUNNER_REGIONS as readonly string[]).includes(region);
