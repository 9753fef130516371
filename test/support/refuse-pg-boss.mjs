import { register } from 'node:module';

register('./refuse-pg-boss-hooks.mjs', import.meta.url);
