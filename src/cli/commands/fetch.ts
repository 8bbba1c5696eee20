import type { CommandModule } from 'yargs';
import { UserError } from '../errors.js';

// Placeholder until the command is built: it says so instead of pretending.
const command: CommandModule = {
  command: 'fetch',
  describe: '(not implemented yet)',
  handler: () => {
    throw new UserError('asrel fetch is not implemented yet');
  },
};
export default command;
