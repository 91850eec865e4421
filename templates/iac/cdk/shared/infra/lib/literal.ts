// Values the person typed reach the template exactly as typed. The CDK reads `${Token[TOKEN.123]}` in a
// string as one of its own tokens (and fails on an unknown one), and CloudFormation tooling reads
// `${AWS::Region}` as a reference outside an Fn::Sub; so a value holding `${` is passed as an Fn::Join on
// "$" of the pieces between its dollars. No piece holds `${`, and the join is exactly the value. A raw
// intrinsic is used rather than Fn.join, which folds literal pieces back into the one string.
// https://docs.aws.amazon.com/cdk/v2/guide/tokens.html
import { Token } from 'aws-cdk-lib';

export function literal(value: string): string {
  return value.includes('${') ? Token.asString({ 'Fn::Join': ['$', value.split('$')] }) : value;
}

/** Every value of a name → value record, kept literal. */
export function literalValues(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, literal(value)]));
}
