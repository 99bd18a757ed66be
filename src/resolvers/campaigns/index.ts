export { Campaign } from './Campaign';
export { Query } from './Query';
