/** The privacy centre's public face: its query keys, for features whose changes it shows. */
export { privacyKeys } from './keys';
