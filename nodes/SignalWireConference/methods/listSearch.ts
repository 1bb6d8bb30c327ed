/** The "From list" pickers, registered in the node's `methods.listSearch`. */
export { searchConferences, searchConferencesRunningFirst } from './conferencePicker';
export { searchConferenceRecordings, searchParticipants } from './conferenceChildPickers';
export { searchPhoneNumbers } from './phoneNumberSearch';
