export { eventually } from './eventually.js';
export { type RawRequestOptions, type RawResponse, rawRequest } from './raw-request.js';
export {
  type StalledUpload,
  type StalledUploadOptions,
  stalledUpload,
  statusOf,
} from './stalled-upload.js';
