/**
 * The transport's public face: the only code in the package that knows HTTP, paging, retries and
 * error mapping. Every function takes (context, target, itemIndex, options).
 */
export { apiListAll, apiListPage, apiRequest } from './request';
export type { ListOptions, ListPage } from './request';
export {
	apiDownload,
	DEFAULT_MAX_DOWNLOAD_MB,
	DEFAULT_MAX_DOWNLOAD_SECONDS,
	recordingMedia,
} from './download';
export type { DownloadOptions, RecordingFormat } from './download';
export * from './paths';
export { spaceOrigin } from './space';
export { isUnconfirmedWrite } from './reliability';
export type * from './types';
