// An Amazon ECS Express Mode service with what it needs around it: the CDK has only the L1
// CfnExpressGatewayService, so this small construct adds the two roles and the log group.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-overview.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-expressgatewayservice.html
import { RemovalPolicy } from 'aws-cdk-lib';
import { CfnExpressGatewayService } from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { grantRead, type AppSecret } from './secrets';

export interface ExpressGatewayServiceProps {
  serviceName: string;
  /** The image to run, e.g. a DockerImageAsset's imageUri. */
  image: string;
  containerPort: number;
  /** The load balancer's HTTP health check; the app must answer 200 there. */
  healthCheckPath: string;
  /** Fargate CPU units (256 = 0.25 vCPU) and memory in MiB, as a pair Fargate offers. */
  cpu: number;
  memory: number;
  environment: Record<string, string>;
  secrets: readonly AppSecret[];
  minTaskCount: number;
  maxTaskCount: number;
  /** Subnets and security groups for the tasks; the default VPC's when absent. */
  network?: { subnets: string[]; securityGroups: string[] };
}

export class ExpressGatewayService extends Construct {
  readonly executionRole: iam.Role;
  readonly infrastructureRole: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly resource: CfnExpressGatewayService;
  /** The service's public HTTPS address. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ExpressGatewayServiceProps) {
    super(scope, id);

    // ECS uses it to start the tasks: pull the image, write the logs, read the app's secrets (exactly
    // those, nothing more). https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
    this.executionRole = new iam.Role(this, 'ExecutionRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonECSTaskExecutionRolePolicy')],
      description: `Starts ${props.serviceName}'s tasks: image, logs and secrets.`,
    });
    grantRead(this.executionRole, props.secrets);

    // ECS uses it to create and manage the load balancer, target groups, security groups, certificate
    // and auto scaling of the service. https://docs.aws.amazon.com/AmazonECS/latest/developerguide/infrastructure_IAM_role.html
    this.infrastructureRole = new iam.Role(this, 'InfrastructureRole', {
      assumedBy: new iam.ServicePrincipal('ecs.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonECSInfrastructureRoleforExpressGatewayServices')],
      description: `Lets Amazon ECS manage ${props.serviceName}'s load balancer and scaling.`,
    });

    // The app's logs (one JSON object per line). Kept when the stack is deleted; a month of history.
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.resource = new CfnExpressGatewayService(this, 'Resource', {
      serviceName: props.serviceName,
      executionRoleArn: this.executionRole.roleArn,
      infrastructureRoleArn: this.infrastructureRole.roleArn,
      cpu: String(props.cpu),
      memory: String(props.memory),
      healthCheckPath: props.healthCheckPath,
      primaryContainer: {
        image: props.image,
        containerPort: props.containerPort,
        awsLogsConfiguration: { logGroup: this.logGroup.logGroupName, logStreamPrefix: 'ecs' },
        environment: Object.entries(props.environment).map(([name, value]) => ({ name, value })),
        secrets: props.secrets.map((s) => ({ name: s.name, valueFrom: s.valueFrom })),
      },
      // Express scales on average CPU (60 % by default); App Runner's requests-in-flight signal has no
      // equivalent here, so only the task counts carry over.
      scalingTarget: { minTaskCount: props.minTaskCount, maxTaskCount: props.maxTaskCount },
      networkConfiguration: props.network,
    });
    // The secrets grant is a policy of its own: it must exist before the first task starts. (The
    // roles themselves are already waited for: the service names their ARNs.)
    const secretsPolicy = this.executionRole.node.tryFindChild('DefaultPolicy');
    if (secretsPolicy) this.resource.node.addDependency(secretsPolicy);

    this.url = `https://${this.resource.attrEndpoint}`;
  }
}
