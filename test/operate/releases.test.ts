// `releases` and `rollback` from the packed CLI after three deploys, on App Runner and on ECS Express,
// against the stand-ins and moto's ECR: each push of the fake `docker` (the process boundary) puts an
// image of its own into moto's ECR as a real push would, so every release has a digest of its own.
// Rollback to the previous release and to a named one goes through deploy with the exact digest; a
// release whose image was deleted from ECR is refused, naming it.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { BatchDeleteImageCommand, ECRClient } from '@aws-sdk/client-ecr';
import { describe, expect, it } from 'vitest';

import { CREDENTIALS, git, makeApp, useBackends } from '../deploy/harness.js';
import { tempDir } from '../helpers/cli.js';
import { cli } from './harness.js';

const b = useBackends();

/** A `docker` whose push puts a distinct image manifest under the pushed tag into moto's ECR. */
function pushingDocker(): { PATH: string } {
  const bin = tempDir('caa-pushbin-');
  const push = join(bin, 'push.py');
  writeFileSync(
    push,
    `import json, os, sys, time, uuid, boto3
ref = sys.argv[1]
host, rest = ref.split('/', 1)
repo, tag = rest.rsplit(':', 1)
ecr = boto3.client('ecr', endpoint_url=os.environ['AWS_ENDPOINT_URL'], region_name=host.split('.')[3])
layer = 'sha256:' + uuid.uuid4().hex * 2
manifest = {'schemaVersion': 2, 'mediaType': 'application/vnd.docker.distribution.manifest.v2+json',
  'config': {'mediaType': 'application/vnd.docker.container.image.v1+json', 'size': 7023, 'digest': layer},
  'layers': [{'mediaType': 'application/vnd.docker.image.rootfs.diff.tar.gzip', 'size': 32654, 'digest': layer}]}
ecr.put_image(repositoryName=repo, imageManifest=json.dumps(manifest), imageTag=tag)
`,
  );
  writeFileSync(
    join(bin, 'docker'),
    `#!/bin/sh\ncase "$1" in\n  login) cat >/dev/null; echo "Login Succeeded" ;;\n  push) exec python3 "${push}" "$2" ;;\n  *) echo "$*" ;;\nesac\n`,
  );
  chmodSync(join(bin, 'docker'), 0o755);
  return { PATH: `${bin}:${process.env.PATH}` };
}

/** Three deploys, each of a commit of its own (so each pushes a tag of its own). */
async function threeDeploys(target: string[]) {
  const dir = await makeApp('image');
  const env = pushingDocker();
  for (let i = 1; i <= 3; i++) {
    if (i > 1) await git(dir, ['commit', '--quiet', '--allow-empty', '-m', `change ${i}`]);
    const r = await cli(b, dir, ['deploy', ...target], env);
    expect(r.code, r.out).toBe(0);
  }
  return { dir, env };
}

const releasesOf = async (dir: string) => {
  const r = await cli(b, dir, ['releases', '--json']);
  expect(r.code, r.out).toBe(0);
  return JSON.parse(r.stdout).releases as {
    id: string;
    result: string;
    image?: string;
    digest?: string;
    tags?: string[];
    by?: string;
    live: boolean;
    inEcr?: boolean;
  }[];
};

async function deleteImage(repository: string, digest: string) {
  const ecr = new ECRClient({ endpoint: b.moto.url, region: 'us-east-1', credentials: CREDENTIALS });
  try {
    await ecr.send(new BatchDeleteImageCommand({ repositoryName: repository, imageIds: [{ imageDigest: digest }] }));
  } finally {
    ecr.destroy();
  }
}

for (const [label, target, ok, rolledOut] of [
  [
    'App Runner',
    [] as string[],
    'SUCCEEDED',
    (image: string) =>
      b.standIn.inputsOf('UpdateService').at(-1)!.SourceConfiguration.ImageRepository.ImageIdentifier === image,
  ],
  [
    'ECS Express Mode',
    ['--target', 'ecs-express'],
    'SUCCESSFUL',
    (image: string) => b.ecs.inputsOf('UpdateExpressGatewayService').at(-1)!.primaryContainer.image === image,
  ],
] as const) {
  describe(`releases and rollback on ${label}`, () => {
    it('lists three deploys newest first, rolls back to the previous and to a named one, refuses a deleted image', async () => {
      const { dir, env } = await threeDeploys([...target]);
      const list = await releasesOf(dir);
      expect(list).toHaveLength(3);
      expect(list.map((r) => r.result)).toEqual([ok, ok, ok]);
      expect(list.map((r) => r.live)).toEqual([true, false, false]);
      const digests = list.map((r) => r.digest);
      expect(new Set(digests).size).toBe(3);
      for (const r of list) {
        expect(r.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
        expect(r.inEcr).toBe(true);
        expect(r.tags).toHaveLength(1);
        expect(r.by).toBe('arn:aws:sts::123456789012:user/moto'); // moto's caller
      }
      const text = await cli(b, dir, ['releases']);
      expect(text.stdout).toContain(`${list[0]!.id}`);
      expect(text.stdout).toMatch(/\(live\)/);
      expect(text.stdout).toContain('by arn:aws:sts::123456789012:user/moto');

      // To the previous release: its exact digest, through deploy.
      const dry = await cli(b, dir, ['rollback', '--dry-run']);
      expect(dry.code, dry.out).toBe(0);
      expect(dry.stdout).toContain(`to release ${list[1]!.id}`);
      const refused = await cli(b, dir, ['rollback']);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('pass --yes');
      const back = await cli(b, dir, ['rollback', '--yes'], env);
      expect(back.code, back.out).toBe(0);
      const repository = list[1]!.image!.split('/')[1]!.split(/[@:]/)[0]!;
      const previous = `${list[1]!.image!.replace(/[@:][^/]*$/, '')}@${list[1]!.digest}`;
      expect(rolledOut(previous)).toBe(true);
      expect(back.stdout).toContain(`Rolling back go-api from release ${list[0]!.id}`);
      expect(back.stdout).toContain(`Rolled back from ${list[0]!.image} to ${previous}.`);
      const after = await releasesOf(dir);
      expect(after).toHaveLength(4);
      expect(after[0]).toMatchObject({ digest: list[1]!.digest, live: true });

      // To a named release (by its id), the oldest.
      const named = await cli(b, dir, ['rollback', list[2]!.id, '--yes'], env);
      expect(named.code, named.out).toBe(0);
      expect(rolledOut(`${list[2]!.image!.replace(/[@:][^/]*$/, '')}@${list[2]!.digest}`)).toBe(true);

      // Its image deleted from ECR: refused, naming it; nothing sent.
      await deleteImage(repository, list[0]!.digest!);
      const changes = () =>
        b.standIn.requests.filter((r) => ['UpdateService', 'StartDeployment'].includes(r.operation)).length +
        b.ecs.requests.filter((r) => r.operation === 'UpdateExpressGatewayService').length;
      const before = changes();
      const gone = await cli(b, dir, ['rollback', list[0]!.id, '--yes'], env);
      expect(gone.code, gone.out).toBe(1);
      expect(gone.stderr).toContain(`The image of release ${list[0]!.id}`);
      expect(gone.stderr).toContain(`is gone from ECR (${list[0]!.digest})`);
      expect((await releasesOf(dir)).find((r) => r.id === list[0]!.id)?.inEcr).toBe(false);
      expect(changes()).toBe(before);
      const unknown = await cli(b, dir, ['rollback', 'no-such-release', '--yes']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('No release of go-api is "no-such-release"');
    });
  });
}
