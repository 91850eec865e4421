// Every word the tool and the generated app use for AWS App Runner: the prompt's choice, help, the
// scaffold summary, and the READMEs' sentences. One place, so an app set for another platform can be
// checked never to borrow them (test/words.test.ts).
import type { PlatformWords } from '../registry.js';

const API = 'https://docs.aws.amazon.com/apprunner/latest/api';

export const APPRUNNER_WORDS: PlatformWords = {
  choice: 'AWS App Runner (for accounts that already use App Runner)',
  help: 'AWS App Runner, for accounts that already use it (it takes no new customers since 2026-04-30)',
  service: 'App Runner service',
  unit: 'instance',
  ready: 'ready for AWS App Runner',
  healthCheck: "App Runner's health check",
  stopper: 'App Runner',
  logs: 'App Runner sends stdout to CloudWatch Logs',
  amd64: 'App Runner runs `linux/amd64` images',
  configRow: 'the App Runner service settings used by the deploy command',
  nameRule: 'App Runner names hold 4-40 letters, digits, - and _',
  firstDeploy: (source) =>
    source === 'image'
      ? 'The first run creates the App Runner service (it builds this image, pushes it to Amazon ECR and\ncreates the service from it)'
      : 'The first run creates the App Runner service from this Git repository (App Runner builds it with `apprunner.yaml`; push\nthe branch first)',
  operate: [
    ['status', 'state, URL, health probe, last deployment, log groups, monthly cost'],
    ['logs --follow', "the app's log (--since 2h, --service-log for App Runner's own, --json)"],
    ['pause', 'no instances billed while paused; resume brings it back'],
    ['resume', ''],
    ['delete', 'removes the service and what deploy created for it; asks first'],
  ],
  deleteNote:
    '`delete` lists what it removes (the service, its custom domain association, scaling and tracing\n' +
    'configurations, VPC connector, instance role and ECR repository: each only if deploy created it for this\n' +
    'app) and what it keeps (the ECR access role every App Runner service shares, roles other services use, the\n' +
    'log groups).',
  configHeader: ` Every field maps onto App Runner's CreateService input (${API}/API_CreateService.html).`,
  configComments: {
    service: ' ServiceName (4-40 letters, digits, - and _) and the region it lives in.',
    source:
      ' kind: code = App Runner builds this repository with apprunner.yaml (CodeRepository);\n' +
      ' kind: image = a container image in Amazon ECR (ImageRepository).',
    'source.autoDeploy': ' AutoDeploymentsEnabled: redeploy on every push (App Runner bills $1 a month for it).',
    'source.ecrRepository': ' The private ECR repository deploy pushes the image to (created if missing).',
    'source.port': ' ImageConfiguration.Port: the port the container listens on.',
    instance:
      ` InstanceConfiguration: cpu in vCPU (0.25, 0.5, 1, 2, 4), memory in GB, as a pair App Runner offers:\n` +
      ' 0.25 → 0.5|1 · 0.5 → 1 · 1 → 2|3|4 · 2 → 4|6 · 4 → 8|10|12.',
    healthCheck:
      ` HealthCheckConfiguration (${API}/API_HealthCheckConfiguration.html):\n` +
      ' interval and timeout in seconds (1-20), thresholds 1-20.',
    autoScaling:
      ` AutoScalingConfiguration (${API}/API_CreateAutoScalingConfiguration.html):\n` +
      ' instances from minSize (1-25) to maxSize, one more per maxConcurrency (1-200) requests in flight.\n' +
      ' Non-default values make deploy create or reuse a named configuration.',
    environment: ' Plain environment variables for the running app (never secrets: PORT is set by App Runner).',
    secrets:
      ' Variables read at start from Secrets Manager or SSM Parameter Store (RuntimeEnvironmentSecrets).\n' +
      ' Deploy gives the service an instance role that may read exactly these and nothing more.',
    network:
      ` NetworkConfiguration.EgressConfiguration (${API}/API_EgressConfiguration.html): outbound traffic goes\n` +
      ' into your VPC through this connector (deploy creates one from vpcSubnets + vpcSecurityGroups).',
    domain: ' A custom domain deploy associates (AssociateCustomDomain); it prints the DNS records to create.',
    observability: ' X-Ray tracing through an observability configuration.',
  },
  costNote: 'App Runner always keeps at least one instance provisioned; pause the service when you do not need it.',
  secretsRole: 'Deploy gives the service an instance role (trusted by `tasks.apprunner.amazonaws.com`) that may read',
  secretsStackRole: "the stack's `InstanceRole`",
  cdkHolds: ({ network, tracing }) =>
    'the App Runner service (the L2 `Service` of `@aws-cdk/aws-apprunner-alpha`) with its roles, auto scaling' +
    (network ? ', VPC connector' : '') +
    (tracing ? ', X-Ray observability' : '') +
    ' configuration',
  scalingNote: (s) =>
    `From ${s.minSize} to ${s.maxSize} instances, one more for every ${s.maxConcurrency} requests in flight\nper instance`,
};
