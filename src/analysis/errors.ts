/**
 * An error whose message is meant for the user as is: the CLI prints it to stderr
 * (no stack) and exits with `exitCode` (1: the data or the network could not give an
 * answer; 2: a usage mistake). Anything else reaching the top is a bug and is printed with
 * its stack. `reason` names the kind of failure for machine readers (`--json` prints it).
 */
export class UserError extends Error {
  constructor(message: string, readonly exitCode = 2, readonly hint?: string, readonly reason?: string) {
    super(message);
    this.name = 'UserError';
  }
}
