// The FTP traffic around the interesting lines: commands and replies no helper acts on.

import fc from "fast-check";
import { fixedLine, type LineTemplate } from "../core/dialogue-flow.ts";

export const CLIENT_CHATTER = [
  "USER anonymous\r\n",
  "USER ftp\r\n",
  "PASS guest@example.com\r\n",
  "TYPE I\r\n",
  "TYPE A\r\n",
  "SYST\r\n",
  "FEAT\r\n",
  "PWD\r\n",
  "CWD /pub\r\n",
  "LIST\r\n",
  "NLST -la\r\n",
  "RETR file.txt\r\n",
  "STOR upload.bin\r\n",
  "SIZE file.txt\r\n",
  "REST 100\r\n",
  "PASV\r\n",
  "EPSV\r\n",
  "EPSV ALL\r\n",
  "NOOP\r\n",
  "QUIT\r\n",
  "PORTAL\r\n", // a keyword prefix followed by no space at all
];

export const SERVER_BANNERS = [
  ["220 (vsFTPd 3.0.5)\r\n"],
  ["220 ProFTPD Server (Debian) [198.18.0.1]\r\n"],
  [
    "220---------- Welcome to Pure-FTPd [privsep] [TLS] ----------\r\n",
    "220 You are user number 1 of 50 allowed.\r\n",
  ],
  ["220 Microsoft FTP Service\r\n"],
  ["220-FileZilla Server 1.8.0\r\n", "220 Please visit https://filezilla-project.org/\r\n"],
];

export const SERVER_CHATTER = [
  "331 Please specify the password.\r\n",
  "230 Login successful.\r\n",
  "200 Switching to Binary mode.\r\n",
  "200 PORT command successful. Consider using PASV.\r\n",
  "200 EPRT command successful.\r\n",
  "150 Opening BINARY mode data connection for file.txt (1024 bytes).\r\n",
  "150 Here comes the directory listing.\r\n",
  "226 Transfer complete.\r\n",
  "250 Directory successfully changed.\r\n",
  '257 "/" is the current directory\r\n',
  "215 UNIX Type: L8\r\n",
  "213 1024\r\n",
  "350 Restart position accepted (100).\r\n",
  "500 Unknown command.\r\n",
  "221 Goodbye.\r\n",
  "211-Features:\r\n",
  " EPRT\r\n",
  "211 End\r\n",
];

export function clientChatter(): fc.Arbitrary<LineTemplate> {
  return fc.constantFrom(...CLIENT_CHATTER).map((line) => fixedLine("orig", line));
}

export function serverChatter(): fc.Arbitrary<LineTemplate> {
  return fc.constantFrom(...SERVER_CHATTER).map((line) => fixedLine("reply", line));
}

export function serverBanner(): fc.Arbitrary<LineTemplate[]> {
  return fc
    .constantFrom(...SERVER_BANNERS)
    .map((lines) => lines.map((line) => fixedLine("reply", line)));
}
