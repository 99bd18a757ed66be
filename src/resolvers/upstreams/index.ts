export { Query } from './Query';
export { UpstreamBudget, UpstreamStatus } from './UpstreamStatus';
