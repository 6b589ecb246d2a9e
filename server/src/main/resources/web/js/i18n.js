// Every string the pages show, by language. English for now; Chinese (the default to come) goes beside it.
const STRINGS = {
  en: {
    connecting: 'Connecting…',
    waitingTeacher: 'Waiting for the teacher…',
    live: 'Live',
    teacherLeft: 'The teacher has left the lesson',
    disconnected: 'Disconnected from the server',
    error: 'Something went wrong',
    left: 'You left the lesson',
    leave: 'Leave',
    noClassrooms: 'No classroom has joined yet',
    you: 'You',
  },
};

const language = 'en';

export function t(key) {
  return STRINGS[language][key] ?? key;
}
