/**
 * The transport's public face: the only code in the package that knows HTTP, paging, retries and
 * error mapping. Every function takes (context, target, itemIndex, options).
 */
export { apiRequest } from './request';
export { apiListAll, apiListPage, MAX_PAGE_SIZE } from './paging';
export type { ListOptions, ListPage } from './paging';
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
