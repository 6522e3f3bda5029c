export {
  type Federation,
  type FederationOptions,
  type FederationWithAnnouncements,
  type JwksInput,
  loadFederation,
  loadFederationWithAnnouncements,
  parseFederationFile,
} from './load.js';
