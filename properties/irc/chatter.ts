// The IRC traffic around DCC requests: registration, channels, keep-alives, messages in
// both directions. None of it may open a port.

import fc from "fast-check";
import { fixedLine, type LineTemplate } from "../core/dialogue-flow.ts";

export const CLIENT_CHATTER = [
  "NICK alice\r\n",
  "USER alice 0 * :Alice Example\r\n",
  "CAP LS 302\r\n",
  "CAP END\r\n",
  "JOIN #linux\r\n",
  "PART #linux :bye\r\n",
  "MODE alice +i\r\n",
  "PING :irc.example.net\r\n",
  "PONG :irc.example.net\r\n",
  "PRIVMSG #linux :hello everyone\r\n",
  "PRIVMSG bob :\x01ACTION waves\x01\r\n",
  "PRIVMSG bob :\x01VERSION\x01\r\n",
  "NOTICE bob :\x01VERSION irssi v1.4.5\x01\r\n",
  "PRIVMSG bob hello\r\n", // no " :": the next pipelined line's " :" is searched instead
  "WHOIS bob\r\n",
  "QUIT :Leaving\r\n",
];

export const SERVER_CHATTER = [
  ":irc.example.net NOTICE * :*** Looking up your hostname...\r\n",
  ":irc.example.net 001 alice :Welcome to the Example IRC Network alice\r\n",
  ":irc.example.net 005 alice CHANTYPES=# PREFIX=(ov)@+ :are supported by this server\r\n",
  ":irc.example.net 376 alice :End of /MOTD command.\r\n",
  "PING :irc.example.net\r\n",
  ":irc.example.net PONG irc.example.net :irc.example.net\r\n",
  ":alice!alice@198.18.0.9 JOIN #linux\r\n",
  ":bob!bob@192.0.2.77 PRIVMSG #linux :hi alice\r\n",
  ":bob!bob@192.0.2.77 NOTICE alice :\x01VERSION WeeChat 4.1.1\x01\r\n",
  ":irc.example.net 401 alice nobody :No such nick/channel\r\n",
];

export function clientChatter(): fc.Arbitrary<LineTemplate> {
  return fc.constantFrom(...CLIENT_CHATTER).map((line) => fixedLine("orig", line));
}

export function serverChatter(): fc.Arbitrary<LineTemplate> {
  return fc.constantFrom(...SERVER_CHATTER).map((line) => fixedLine("reply", line));
}

/** Registration as every client starts: NICK and USER, then the server's welcome. */
export function login(): fc.Arbitrary<LineTemplate[]> {
  return fc.constant([
    fixedLine("orig", "NICK alice\r\n"),
    fixedLine("orig", "USER alice 0 * :Alice Example\r\n"),
    fixedLine("reply", ":irc.example.net 001 alice :Welcome to the Example IRC Network alice\r\n"),
  ]);
}
