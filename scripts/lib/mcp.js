'use strict';
/**
 * The MCP example in a running n8n: where its MCP Server Trigger listens and the Bearer Auth
 * credential a client must present.
 */
const crypto = require('node:crypto');
const path = require('node:path');

const { EXAMPLES_DIR } = require('./paths');

/** "Conference controls for any MCP client". */
const MCP_CONTROLS = {
	file: path.join(EXAMPLES_DIR, 'mcp-conference-controls.json'),
	workflowId: 'swMcpConferenceTools',
	name: 'Conference controls for any MCP client',
	path: 'signalwire-conference-controls',
};

/** A token for a throw-away local n8n, new on every run. */
function newClientToken() {
	return `mcp-${crypto.randomBytes(12).toString('hex')}`;
}

/** The Bearer Auth credential the example's trigger refers to. */
function mcpClientCredential(token) {
	return {
		id: 'swMcpClientToken',
		name: 'MCP client token',
		type: 'httpBearerAuth',
		data: { token },
	};
}

/** The trigger's production URL (`/mcp/<path>`; the editor's test URL is `/mcp-test/<path>`). */
function mcpUrl(baseUrl, mcpPath = MCP_CONTROLS.path) {
	return `${baseUrl}/mcp/${mcpPath}`;
}

module.exports = { MCP_CONTROLS, mcpClientCredential, mcpUrl, newClientToken };
