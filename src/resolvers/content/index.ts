export { Mutation } from './Mutation';
export { Query } from './Query';
export { Subscription } from './Subscription';
