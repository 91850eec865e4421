// Every word the tool and the generated app use for Amazon ECS Express Mode: the prompt's choice, help,
// the scaffold summary, and the READMEs' sentences. One place, so an app set for Express can be checked
// never to borrow App Runner's words (test/words.test.ts).
import type { PlatformWords } from '../registry.js';

const API = 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference';

export const ECS_WORDS: PlatformWords = {
  choice: 'Amazon ECS Express Mode (for any AWS account)',
  help: 'Amazon ECS Express Mode, for any AWS account: Fargate tasks behind a shared HTTPS load balancer',
  service: 'ECS Express Mode service',
  unit: 'task',
  ready: 'ready for Amazon ECS Express Mode',
  healthCheck: "the load balancer's health check",
  stopper: 'ECS',
  logs: 'ECS sends stdout to CloudWatch Logs',
  amd64: 'The Fargate tasks deploy starts run `linux/amd64` images',
  configRow: 'the ECS Express Mode service settings used by the deploy command',
  nameRule: 'service names here hold 4-40 letters, digits, - and _',
  firstDeploy: () =>
    'The first run builds this image, pushes it to Amazon ECR and creates the ECS Express Mode service from\n' +
    'it (with its task execution role; ECS puts it behind a shared HTTPS load balancer)',
  operate: [
    ['status', 'state, URL, health probe, last deployment, log group, monthly cost'],
    ['logs --follow', "the app's log (--since 2h, --json)"],
    ['delete', 'removes the service and what deploy created for it; asks first'],
  ],
  deleteNote:
    'Express Mode has no pause: `delete` is how to stop paying. It lists what it removes (the service, its\n' +
    'task execution role and ECR repository, each only if deploy created it for this app) and what it keeps\n' +
    '(the shared infrastructure role, the `default` cluster and the log group).',
  configHeader:
    ' On ECS Express Mode (target: ecs-express) deploy sends these fields as CreateExpressGatewayService input\n' +
    ` (${API}/API_CreateExpressGatewayService.html);\n a field with no meaning there is refused by name.`,
  configComments: {
    service: ' serviceName (4-40 letters, digits, - and _) and the region it lives in.',
    source:
      ' kind: image = deploy builds the Dockerfile and pushes the image to Amazon ECR (primaryContainer.image);\n' +
      ' kind: code = the same image, with the port and variables of apprunner.yaml.',
    'source.autoDeploy': ' No effect on ECS Express Mode: each version goes out when you run deploy (or from CI).',
    'source.ecrRepository': ' The private ECR repository deploy pushes the image to (created if missing).',
    'source.port': ' primaryContainer.containerPort: the port the container listens on.',
    instance:
      ' The Fargate task size: cpu in vCPU (0.25, 0.5, 1, 2, 4), memory in GB, as one of these pairs:\n' +
      ' 0.25 → 0.5|1 · 0.5 → 1 · 1 → 2|3|4 · 2 → 4|6 · 4 → 8|10|12.',
    healthCheck:
      ' healthCheckPath: the path the load balancer checks over HTTP (protocol must stay HTTP);\n' +
      ' interval, timeout and thresholds have no effect here (kept for the other platform).',
    autoScaling:
      ' scalingTarget: tasks from minSize (1-25) to maxSize, scaled on average CPU;\n' +
      ' maxConcurrency has no effect here (kept for the other platform).',
    environment: ' Plain environment variables for the container (never secrets: PORT is set from source.port).',
    secrets:
      ' Variables read at start from Secrets Manager or SSM Parameter Store (primaryContainer.secrets).\n' +
      ' Deploy gives the task execution role leave to read exactly these and nothing more.',
    network:
      ' networkConfiguration: the service runs in these subnets with these security groups (vpcSubnets +\n' +
      ' vpcSecurityGroups; deploy refuses a vpcConnectorArn here).',
    domain:
      ' A custom domain `domain add` puts in front of the service: an ACM certificate on the shared load\n' +
      " balancer's HTTPS listener and the name on this service's listener rule; deploy keeps it attached.",
    observability: ' Not on ECS Express Mode: deploy refuses X-Ray tracing here.',
    migratedFrom:
      ' Written by `migrate`: the App Runner service this app came from (left as it was: the way back), the image\n' +
      ' it ran, the task role made from its instance role (taskRoleArn) and its concurrency as requests per task\n' +
      ' per minute (scalingTarget REQUEST_COUNT_PER_TARGET).',
  },
  costNote: 'Express keeps at least one task running around the clock and cannot pause or scale to zero.',
  secretsRole:
    "Deploy gives the service's task execution role (trusted by `ecs-tasks.amazonaws.com`) the right to read",
  secretsStackRole: "the stack's task execution role",
  cdkHolds: () =>
    'the ECS Express Mode service (our construct around `CfnExpressGatewayService`) with its task execution role, ' +
    'infrastructure role and log group',
  scalingNote: (s) =>
    `From ${s.minSize} to ${s.maxSize} tasks, on average CPU (ECS Express scales at 60 %; \`maxConcurrency\`\nis not used here)`,
};
