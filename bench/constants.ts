/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- the rig, not shipped: n8n's rules for node code do not apply */
/** The test project's credentials (the same values as test/harness/fixtures.ts, which needs jest). */
export const PROJECT_ID = 'b3877c40-da60-4998-90ad-b792e98472af';
export const API_TOKEN = 'PTtest0123456789abcdefSECRET';
export const ACCOUNT_PATH = `/api/laml/2010-04-01/Accounts/${PROJECT_ID}`;
export const AUTHORIZATION = `Basic ${Buffer.from(`${PROJECT_ID}:${API_TOKEN}`).toString('base64')}`;

export const PAGE_SIZE = 1000;
export const ANNOUNCE_URL = 'https://example.com/a.xml';
