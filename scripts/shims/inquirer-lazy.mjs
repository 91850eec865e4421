// Yeoman's terminal adapter builds inquirer's prompt module as it starts, which loads inquirer, its
// prompts and rxjs (about a third of the scaffolding code) even when nothing will be asked: with
// --yes, or without a terminal. This stand-in has the same shape and loads the real inquirer on the
// first question, so only interactive runs pay for it.
export function createPromptModule(options) {
  let real;
  const registered = {};
  const promptModule = async (questions, answers) => {
    if (!real) {
      const inquirer = await import('inquirer-real');
      real = inquirer.createPromptModule(options);
      // Only plain values are prompts: Yeoman's adapter also defines `list` as a getter that warns it is
      // deprecated whenever it is read, and reading it here would print that to every user.
      for (const name of Object.keys(registered)) {
        const own = Object.getOwnPropertyDescriptor(registered, name);
        if (own && 'value' in own) real.registerPrompt(name, own.value);
      }
    }
    return real(questions, answers);
  };
  promptModule.prompts = registered;
  promptModule.registerPrompt = (name, prompt) => {
    registered[name] = prompt;
    real?.registerPrompt(name, prompt);
    return promptModule;
  };
  promptModule.restoreDefaultPrompts = () => {};
  return promptModule;
}
