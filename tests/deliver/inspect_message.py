#!/usr/bin/python3
"""Parses one raw message with Python's email package and prints what the tests check, one "key: value"
a line: the headers, each part's type and file name, the decoded plain and HTML bodies and the .ics.
With --save-attachment DIR, writes each attachment's decoded bytes to DIR/<file name>."""
import argparse
import email
import email.policy
import os
import sys


def main():
    p = argparse.ArgumentParser()
    p.add_argument("message")
    p.add_argument("--save-attachment")
    args = p.parse_args()
    with open(args.message, "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    for h in ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "X-Unsent"]:
        print("header %s: %s" % (h, msg.get(h, "")))
    print("defects: %d" % len(msg.defects))
    for part in msg.walk():
        name = part.get_filename() or ""
        print("part: %s %s %s" % (part.get_content_type(), part.get_content_disposition() or "-", name or "-"))
        if part.get_content_type() == "text/plain" and not name:
            print("plain<<\n%s>>" % part.get_content())
        elif part.get_content_type() == "text/html":
            print("html<<\n%s>>" % part.get_content())
        elif part.get_content_type() == "text/calendar":
            print("ics<<\n%s>>" % part.get_payload(decode=True).decode("utf-8").replace("\r\n", "\\r\\n\n"))
        if name and args.save_attachment:
            with open(os.path.join(args.save_attachment, name), "wb") as out:
                out.write(part.get_payload(decode=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
