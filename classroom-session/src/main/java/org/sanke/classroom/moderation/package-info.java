/**
 * What people write into a lesson (chat, questions, the names they choose) checked against a lexicon of words the
 * platform does not allow (S13). The matching and its normalisations (width, case, number and letter styles,
 * traditional/simplified characters, repeats, separators between characters) are houbb's sensitive-word; this
 * package supplies the lexicon, the policy (block or mask) and the hot reload of an operator's file.
 */
package org.sanke.classroom.moderation;
