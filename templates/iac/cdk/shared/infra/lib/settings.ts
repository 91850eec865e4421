// What the stack is built from: the choices the app was created with, written into bin/app.ts.
// Sizes are App Runner's (vCPU and GB); the ECS Express stack maps them 1:1 onto Fargate units.

export interface ServiceSettings {
  /** The service's name (4-40 letters, digits, - and _), as in apprunner.deploy.yaml. */
  serviceName: string;
  /**
   * image: `cdk deploy` builds the app's Dockerfile (linux/amd64) and pushes it to the CDK's asset
   * repository in ECR. code: App Runner builds the repository itself with apprunner.yaml.
   */
  source: { kind: 'image' } | { kind: 'code' };
  /** The port the app listens on. */
  port: number;
  /** The HTTP health check path, starting with /. */
  healthCheckPath: string;
  /** vCPUs per instance: 0.25, 0.5, 1, 2 or 4. */
  cpu: string;
  /** GB per instance, a size offered for that cpu (0.25 → 0.5|1 · 0.5 → 1 · 1 → 2|3|4 · 2 → 4|6 · 4 → 8|10|12). */
  memory: string;
  /** Plain environment variables (a code app keeps its own in apprunner.yaml). */
  environment: Record<string, string>;
  /** Variable name → Secrets Manager secret ARN, SSM parameter ARN, or same-region parameter name. */
  secrets: Record<string, string>;
  /** Instances (tasks) from minSize to maxSize; App Runner adds one per maxConcurrency requests in flight. */
  scaling: { minSize: number; maxSize: number; maxConcurrency: number };
  /** Outbound traffic into a VPC: an existing App Runner VPC connector, or subnets and security groups. */
  network?: { vpcConnectorArn: string } | { subnets: string[]; securityGroups: string[] };
  /** AWS X-Ray tracing (App Runner's observability configuration). */
  tracing: boolean;
}
