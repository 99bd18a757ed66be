import { logger } from '../../logging/logger';

/** Every Woodpecker line carries `component: woodpecker`; emails go through `maskEmail`, the key never appears. */
export const log = logger.child({ component: 'woodpecker' });
