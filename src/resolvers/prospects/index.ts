export { Mutation } from './Mutation';
export { Prospect } from './Prospect';
export { Query } from './Query';
