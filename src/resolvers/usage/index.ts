export { Query } from './Query';
