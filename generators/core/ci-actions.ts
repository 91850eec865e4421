// The GitHub Actions the generated workflow uses, each pinned to a full commit SHA (a tag can be moved
// to other code); the comment names the release. Runtime rows (runtimes.ts ciSetup) refer to them by key.
export const CI_ACTIONS: Record<string, string> = {
  checkout: 'actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2',
  node: 'actions/setup-node@53b83947a5a98c8d113130e565377fae1a50d02f # v6.3.0',
  python: 'actions/setup-python@a309ff8b426b58ec0e2a45f0f869d46889d02405 # v6.2.0',
  java: 'actions/setup-java@be666c2fcd27ec809703dec50e508c2fdc7f6654 # v5.2.0',
  go: 'actions/setup-go@4b73464bb391d4059bd26b0524d20df3927bd417 # v6.3.0',
  ruby: 'ruby/setup-ruby@09a7688d3b55cf0e976497ff046b70949eeaccfd # v1.288.0',
  awsCredentials: 'aws-actions/configure-aws-credentials@8df5847569e6427dd6c4fb1cf565c83acfa8afa7 # v6.0.0',
  ecrLogin: 'aws-actions/amazon-ecr-login@062b18b96a7aff071d4dc91bc00c4c1a7945b076 # v2.0.1',
};
