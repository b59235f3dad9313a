/**
 * Alias module of params/sos (second-order sections and their cascade); kept so both import paths
 * in use (`params/sos.js`, `params/sections.js`) resolve to the same functions.
 */
export * from './sos.js';
