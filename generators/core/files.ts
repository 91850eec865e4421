// Names of the files this tool writes and reads back, in a module with no dependencies, so that the
// bin can name them without loading the YAML library (the deploy config's reader does).
export const DEPLOY_CONFIG_FILE = 'apprunner.deploy.yaml';
