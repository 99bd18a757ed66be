export { Mutation } from './Mutation';
export { Query } from './Query';
