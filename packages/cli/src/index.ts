export { main } from './main';
export { initialise } from './commands/init';
