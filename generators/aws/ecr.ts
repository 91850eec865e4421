// The Amazon ECR calls the tool makes: the app's repository (find, create, its tags and image count,
// delete) and the registry login for a push. The only definition of ECR's "not found" is here.
import type { CreateRepositoryCommandInput, Repository } from '@aws-sdk/client-ecr';

import { type AwsOptions, call, callOrMissing, interop, listAll, settingsOf, type Tag } from './call.js';
import { AwsCallError } from './errors.js';

/** ECR's answer for a repository that is not there. */
export const isEcrNotFound = (error: AwsCallError) => error.code === 'RepositoryNotFoundException';

export interface EcrImage {
  digest: string;
  tags: string[];
  pushedAt?: Date;
}

export interface Ecr {
  findRepository(name: string): Promise<Repository | undefined>;
  /** The repository with its tags and how many images it holds (what delete shows and decides by). */
  repositoryFacts(name: string): Promise<(Repository & { tags: Tag[]; imageCount: number }) | undefined>;
  createRepository(input: CreateRepositoryCommandInput): Promise<Repository>;
  /** With its images (that is what delete --keep-image is for). */
  deleteRepository(name: string): Promise<void>;
  /** Every image in the repository (DescribeImages, every page); undefined when there is no repository. */
  images(name: string): Promise<EcrImage[] | undefined>;
  /** The digest (sha256:…) the tag points at now, via ecr:DescribeImages; undefined when the tag is not there. */
  imageDigest(repository: string, tag: string, registryId?: string): Promise<string | undefined>;
  /** docker login material from ecr:GetAuthorizationToken. */
  registryLogin(): Promise<{ registry: string; username: string; password: string }>;
  close(): void;
}

export async function createEcr(o: AwsOptions): Promise<Ecr> {
  const ecr = interop(await import('./sdk/ecr.js'));
  const client = new ecr.ECRClient(settingsOf(o));
  const opts = { abortSignal: o.signal };
  const findRepository = (name: string) =>
    callOrMissing(
      'ecr:DescribeRepositories',
      `repository ${name}`,
      async () =>
        (await client.send(new ecr.DescribeRepositoriesCommand({ repositoryNames: [name] }), opts)).repositories?.[0],
      isEcrNotFound,
    );
  return {
    findRepository,
    async repositoryFacts(name) {
      const repo = await findRepository(name);
      if (!repo) return undefined;
      const tags = await call(
        'ecr:ListTagsForResource',
        `repository ${name}`,
        async () =>
          (await client.send(new ecr.ListTagsForResourceCommand({ resourceArn: repo.repositoryArn }), opts)).tags ?? [],
      );
      const images = await listAll<unknown>(
        'ecr:ListImages',
        `repository ${name}`,
        () => ecr.paginateListImages({ client }, { repositoryName: name }),
        'imageIds',
      );
      return { ...repo, tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })), imageCount: images.length };
    },
    createRepository: async (input) =>
      (
        await call('ecr:CreateRepository', `repository ${input.repositoryName}`, () =>
          client.send(new ecr.CreateRepositoryCommand(input), opts),
        )
      ).repository!,
    deleteRepository: async (name) => {
      await call('ecr:DeleteRepository', `repository ${name}`, () =>
        client.send(new ecr.DeleteRepositoryCommand({ repositoryName: name, force: true }), opts),
      );
    },
    async images(name) {
      try {
        const details = await listAll<{ imageDigest?: string; imageTags?: string[]; imagePushedAt?: Date }>(
          'ecr:DescribeImages',
          `repository ${name}`,
          () => ecr.paginateDescribeImages({ client }, { repositoryName: name }),
          'imageDetails',
        );
        return details.map((d) => ({
          digest: d.imageDigest ?? '',
          tags: d.imageTags ?? [],
          pushedAt: d.imagePushedAt,
        }));
      } catch (error) {
        if (error instanceof AwsCallError && isEcrNotFound(error)) return undefined;
        throw error;
      }
    },
    imageDigest: async (repository, tag, registryId) =>
      (
        await callOrMissing(
          'ecr:DescribeImages',
          `image ${repository}:${tag}`,
          async () =>
            (
              await client.send(
                new ecr.DescribeImagesCommand({
                  repositoryName: repository,
                  registryId,
                  imageIds: [{ imageTag: tag }],
                }),
                opts,
              )
            ).imageDetails?.[0],
          (e) => isEcrNotFound(e) || e.code === 'ImageNotFoundException',
        )
      )?.imageDigest,
    registryLogin: async () => {
      const out = await call('ecr:GetAuthorizationToken', `the ECR registry in ${o.region}`, () =>
        client.send(new ecr.GetAuthorizationTokenCommand({}), opts),
      );
      const data = out.authorizationData?.[0];
      const [username = 'AWS', ...rest] = Buffer.from(data?.authorizationToken ?? '', 'base64')
        .toString('utf8')
        .split(':');
      return { registry: (data?.proxyEndpoint ?? '').replace(/^https?:\/\//, ''), username, password: rest.join(':') };
    },
    close: () => client.destroy(),
  };
}
