export { Mutation } from './Mutation';
