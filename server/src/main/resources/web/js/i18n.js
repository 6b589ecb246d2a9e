// Every string the pages show, by language: Chinese by default, English with ?lang=en.
const STRINGS = {
  zh: {
    connecting: '正在连接…',
    joined: '已加入',
    waitingTeacher: '等待老师上课…',
    live: '上课中',
    teacherLeft: '老师已离开课堂',
    disconnected: '与服务器的连接已断开',
    error: '出错了',
    left: '你已离开课堂',
    leave: '离开',
    noClassrooms: '还没有教室加入',
    raiseHand: '举手',
    lowerHand: '放下',
    handUp: '已举手',
    onStage: '上台',
    offStage: '下台',
    handQueue: '举手',
    chat: '讨论',
    send: '发送',
    teacherTitle: '三课 · 主讲老师',
    nextLesson: '下一节课',
    from: '来自',
    noLesson: '今天没有更多课程',
    offline: '正在重新连接服务器…',
  },
  en: {
    connecting: 'Connecting…',
    joined: 'Joined',
    waitingTeacher: 'Waiting for the teacher…',
    live: 'Live',
    teacherLeft: 'The teacher has left the lesson',
    disconnected: 'Disconnected from the server',
    error: 'Something went wrong',
    left: 'You left the lesson',
    leave: 'Leave',
    noClassrooms: 'No classroom has joined yet',
    raiseHand: 'Raise hand',
    lowerHand: 'Lower hand',
    handUp: 'Hand raised',
    onStage: 'On stage',
    offStage: 'Off stage',
    handQueue: 'Hands',
    chat: 'Chat',
    send: 'Send',
    teacherTitle: 'Sanke · Teacher',
    nextLesson: 'Next lesson',
    from: 'from',
    noLesson: 'No more lessons scheduled',
    offline: 'Reconnecting to the server…',
  },
};

const requested = new URLSearchParams(location.search).get('lang');
const language = STRINGS[requested] ? requested : 'zh';
document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';

export function t(key) {
  return STRINGS[language][key] ?? key;
}

/** Fills every element that names a string with data-i18n. */
export function translatePage() {
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
}
