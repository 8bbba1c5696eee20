import type { CommandModule } from 'yargs';
import { UserError } from '../errors.js';

// Placeholder until the command is built: it says so instead of pretending.
const command: CommandModule = {
  command: 'compare',
  describe: '(not implemented yet)',
  handler: () => {
    throw new UserError('asrel compare is not implemented yet');
  },
};
export default command;
