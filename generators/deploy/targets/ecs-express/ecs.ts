// The narrow ECS interface the ECS Express target talks through: only the calls it makes, each failure
// an AwsCallError naming the operation. ecs-sdk.ts builds it from the real @aws-sdk/client-ecs; nothing
// else here imports SDK code (types only).
import type {
  CreateExpressGatewayServiceCommandInput,
  ECSExpressGatewayService,
  ServiceDeployment,
  UpdateExpressGatewayServiceCommandInput,
} from '@aws-sdk/client-ecs';

export interface Ecs {
  /** The service with this ARN, or undefined when ECS does not know it (or it is INACTIVE: deleted). */
  findExpress(serviceArn: string): Promise<ECSExpressGatewayService | undefined>;
  describeExpress(serviceArn: string): Promise<ECSExpressGatewayService>;
  createExpress(input: CreateExpressGatewayServiceCommandInput): Promise<ECSExpressGatewayService>;
  updateExpress(input: UpdateExpressGatewayServiceCommandInput): Promise<{ serviceArn: string }>;
  /** The service's deployments started at or after `since`, newest first, with their status. */
  deploymentsSince(cluster: string, serviceArn: string, since: Date): Promise<ServiceDeployment[]>;
  close(): void;
}
