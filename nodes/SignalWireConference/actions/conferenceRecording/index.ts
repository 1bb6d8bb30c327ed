import * as deleteOperation from './delete.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import { defineResource } from '../defineResource';

export const conferenceRecording = defineResource(
	'Conference Recording',
	'conferenceRecording',
	'getAll',
	[deleteOperation, download, get, getAll, update],
);
