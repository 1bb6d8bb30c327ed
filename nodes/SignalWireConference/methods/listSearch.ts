/** The "From list" pickers, registered in the node's `methods.listSearch`. */
export { searchConferences } from './conferencePicker';
export { searchConferenceRecordings, searchParticipants } from './conferenceChildPickers';
