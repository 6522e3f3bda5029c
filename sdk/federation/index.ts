export { type Federation, type JwksInput, loadFederation, parseFederationFile } from './load.js';
