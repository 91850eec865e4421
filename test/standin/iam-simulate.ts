// IAM's SimulatePrincipalPolicy at the wire, in front of moto: moto 5.2.1 has no simulation (the call is
// not implemented), so this stand-in answers it and passes every other IAM call through to moto
// unchanged. It speaks IAM's query protocol (a form-encoded POST, `Action=SimulatePrincipalPolicy`, an
// XML answer in the 2010-05-08 namespace) as the API reference documents it:
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html
// The decision for each action is the test's: `deny` lists the actions answered implicitDeny; `refuse`
// answers the call itself with AccessDenied (a caller that may not simulate). It checks what the API
// requires: PolicySourceArn (a user, group or role ARN: a session ARN is refused as AWS refuses it,
// InvalidInput) and at least one ActionNames member.
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface IamSimulateStandIn {
  readonly url: string;
  /** Every simulation asked for: the principal and the actions. */
  readonly simulations: { principal: string; actions: string[] }[];
  deny: Set<string>;
  refuse: boolean;
  close(): Promise<void>;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function send(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function error(res: ServerResponse, status: number, code: string, message: string) {
  send(
    res,
    status,
    `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${code}</Code>` +
      `<Message>${xmlEscape(message)}</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>`,
  );
}

export async function startIamSimulateStandIn(motoUrl: string): Promise<IamSimulateStandIn> {
  const state = {
    simulations: [] as { principal: string; actions: string[] }[],
    deny: new Set<string>(),
    refuse: false,
  };

  function simulate(form: URLSearchParams, res: ServerResponse) {
    const principal = form.get('PolicySourceArn') ?? '';
    const actions = [...form.entries()].filter(([k]) => /^ActionNames\.member\.\d+$/.test(k)).map(([, v]) => v);
    if (state.refuse)
      return error(
        res,
        403,
        'AccessDenied',
        `User: ${principal} is not authorized to perform: iam:SimulatePrincipalPolicy`,
      );
    if (!/^arn:aws:iam::\d{12}:(user|group|role)\/.+/.test(principal))
      return error(res, 400, 'InvalidInput', `Invalid ARN: ${principal} is not a user, group or role.`);
    if (!actions.length) return error(res, 400, 'ValidationError', 'ActionNames must have at least one member.');
    state.simulations.push({ principal, actions });
    const members = actions
      .map(
        (a) =>
          `<member><EvalActionName>${xmlEscape(a)}</EvalActionName><EvalResourceName>*</EvalResourceName>` +
          `<EvalDecision>${state.deny.has(a) ? 'implicitDeny' : 'allowed'}</EvalDecision>` +
          '<MatchedStatements/><MissingContextValues/></member>',
      )
      .join('');
    send(
      res,
      200,
      '<SimulatePrincipalPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><SimulatePrincipalPolicyResult>' +
        `<IsTruncated>false</IsTruncated><EvaluationResults>${members}</EvaluationResults></SimulatePrincipalPolicyResult>` +
        '<ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></SimulatePrincipalPolicyResponse>',
    );
  }

  function forward(req: IncomingMessage, body: Buffer, res: ServerResponse) {
    const url = new URL(req.url ?? '/', motoUrl);
    const out = request(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', (e) => error(res, 502, 'ServiceUnavailable', e.message));
    out.end(body);
  }

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const form = new URLSearchParams(body.toString('utf8'));
    if (form.get('Action') === 'SimulatePrincipalPolicy') simulate(form, res);
    else forward(req, body, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get simulations() {
      return state.simulations;
    },
    get deny() {
      return state.deny;
    },
    set deny(v) {
      state.deny = v;
    },
    get refuse() {
      return state.refuse;
    },
    set refuse(v) {
      state.refuse = v;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
