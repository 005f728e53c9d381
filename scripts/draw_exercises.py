#!/usr/bin/env python3
"""Draws the exercise illustrations (content/exercises/images/ID.svg) from joint positions.

Each picture is 400 units wide: the START position in the left panel, a solid arrow in the middle, the FINISH
position in the right panel, each panel labelled at its top left ("Start", "Finish"; words from LABELS by
language, --lang xx). Every figure is drawn at the same scale (thigh 44, shin 42, torso 56, upper arm 30, forearm
28, head radius 11), so a person is the same size in every picture. Each panel is placed and sized from what is
drawn in it, so a wide end pose (bird dog) gets more room. The viewBox is cropped to the drawing plus a 4-unit
margin, so a lying pose gives a short, wide picture with no empty band above it.

Most poses are side views; knee rocks (a three-quarter view) and clam (seen from the front and above) are
projected from 3-D joint positions, since their movement goes across a side view.

The style is made for small black-and-white print: a solid round head (with a big nose and a white eye where
the head's movement is part of the exercise), a thick rounded torso, thick rounded limbs, near-side limbs black
(with a thin white edge so they stand out where they cross the body) and far-side limbs mid grey, a light grey
mat or floor, and thin black arrows with solid heads showing the movement. The labels are glyph outlines from
fonts/NotoSans-Bold.ttf (see Font), not SVG text. No fonts, scripts or external references in the SVG.
Python 3 standard library only.  Usage: python3 scripts/draw_exercises.py [--lang xx] [output_dir]
"""
import math
import os
import sys

FLOOR = 188               # y of the floor surface while drawing (the frame is cropped afterwards)
THIGH, SHIN, FOOT = 44, 42, 12
UPPER_ARM, FOREARM = 30, 28
ARM = UPPER_ARM + FOREARM
TORSO = 56                # hip to shoulder
HEAD_R = 11
HEAD_OFF = 16             # shoulder to the centre of the head
TORSO_W, LIMB_W = 13, 8
BODY_Y = FLOOR - 7        # torso line of a person lying on the floor
LIMB_Y = FLOOR - 4        # a limb lying on the floor
NEAR, FAR, PROP = "#000000", "#888888", "#444444"
MAT = "#dddddd"


def ik(a, c, l1, l2, bend):
    """Middle joint (knee/elbow) between a and c for segment lengths l1, l2; bend=+1/-1 picks the side."""
    dx, dy = c[0] - a[0], c[1] - a[1]
    d = min(max(math.hypot(dx, dy), 1e-6), l1 + l2 - 1e-3)
    cos_a = (l1 * l1 + d * d - l2 * l2) / (2 * l1 * d)
    t = math.atan2(dy, dx) - bend * math.acos(max(-1.0, min(1.0, cos_a)))
    return (a[0] + l1 * math.cos(t), a[1] + l1 * math.sin(t))


def polar(p, length, deg):
    """Point `length` from p at `deg` degrees (0 = right, 90 = up on the page)."""
    r = math.radians(deg)
    return (p[0] + length * math.cos(r), p[1] - length * math.sin(r))


def along(a, b, t):
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


# --- labels: glyph outlines from the pinned font ---------------------------------------------------------
# The renderer (librsvg) draws SVG <text> through Pango's default font map, which is the system's fontconfig,
# not the private one over fonts/: "Noto Sans" then falls back to whatever the machine has (DejaVu Sans here).
# So the labels are drawn as outlines of the glyphs of fonts/NotoSans-Bold.ttf (no shaping or kerning: fine for
# short Latin, Greek and Cyrillic words; right-to-left scripts would need a shaper), and the words themselves
# are kept as the group's aria-label and <title>.
LABELS = {   # panel labels per language (later from the strings catalogue)
    "en": ("Start", "Finish"),
}
LABEL_SIZE = 24           # font size of the labels in picture units (400 units print about 195 pt wide: ~11.7 pt)
FONT_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fonts", "NotoSans-Bold.ttf")


class Font:
    """Just enough of a TrueType (glyf) font: cmap format 4, advance widths, simple and composite outlines."""

    def __init__(self, path):
        import struct
        self.s = struct
        d = self.d = open(path, "rb").read()
        n = struct.unpack(">H", d[4:6])[0]
        self.t = {d[12 + 16 * i:16 + 16 * i].decode("latin-1"): struct.unpack(">II", d[20 + 16 * i:28 + 16 * i])
                  for i in range(n)}
        head = self.t["head"][0]
        self.upem = struct.unpack(">H", d[head + 18:head + 20])[0]
        self.long_loca = struct.unpack(">h", d[head + 50:head + 52])[0] == 1
        self.n_hmetrics = struct.unpack(">H", d[self.t["hhea"][0] + 34:self.t["hhea"][0] + 36])[0]
        self.cmap = self._cmap()

    def u16(self, o):
        return self.s.unpack(">H", self.d[o:o + 2])[0]

    def i16(self, o):
        return self.s.unpack(">h", self.d[o:o + 2])[0]

    def _cmap(self):
        base = self.t["cmap"][0]
        for i in range(self.u16(base + 2)):
            pid, eid = self.u16(base + 4 + 8 * i), self.u16(base + 6 + 8 * i)
            off = base + self.s.unpack(">I", self.d[base + 8 + 8 * i:base + 12 + 8 * i])[0]
            if (pid, eid) in ((3, 1), (0, 3)) and self.u16(off) == 4:
                segs = self.u16(off + 6) // 2
                ends, starts = off + 14, off + 16 + 2 * segs
                deltas, ranges = starts + 2 * segs, starts + 4 * segs
                out = {}
                for k in range(segs):
                    e, st = self.u16(ends + 2 * k), self.u16(starts + 2 * k)
                    dl, ro = self.u16(deltas + 2 * k), self.u16(ranges + 2 * k)
                    for c in range(st, min(e, 0xFFFE) + 1):
                        if ro == 0:
                            g = (c + dl) & 0xFFFF
                        else:
                            g = self.u16(ranges + 2 * k + ro + 2 * (c - st))
                            g = (g + dl) & 0xFFFF if g else 0
                        out[c] = g
                return out
        raise SystemExit("font has no Unicode BMP cmap")

    def advance(self, g):
        h = self.t["hmtx"][0]
        return self.u16(h + 4 * min(g, self.n_hmetrics - 1))

    def _glyph_range(self, g):
        loca = self.t["loca"][0]
        if self.long_loca:
            a, b = self.s.unpack(">II", self.d[loca + 4 * g:loca + 4 * g + 8])
        else:
            a, b = 2 * self.u16(loca + 2 * g), 2 * self.u16(loca + 2 * g + 2)
        return self.t["glyf"][0] + a, b - a

    def contours(self, g, dx=0.0, dy=0.0):
        """The glyph's contours as lists of (x, y, on_curve) in font units, y up."""
        o, length = self._glyph_range(g)
        if length == 0:
            return []
        nc = self.i16(o)
        if nc < 0:    # composite: components placed by x/y offsets (scaling is not used by these glyphs)
            out, p = [], o + 10
            while True:
                flags, sub = self.u16(p), self.u16(p + 2)
                if flags & 1:
                    ax, ay, p = self.i16(p + 4), self.i16(p + 6), p + 8
                else:
                    ax, ay, p = self.s.unpack(">bb", self.d[p + 4:p + 6]) + (p + 6,)
                p += 2 if flags & 8 else 4 if flags & 0x40 else 8 if flags & 0x80 else 0
                out += self.contours(sub, dx + ax, dy + ay)
                if not flags & 0x20:
                    return out
        ends = [self.u16(o + 10 + 2 * i) for i in range(nc)]
        npts = ends[-1] + 1
        p = o + 10 + 2 * nc
        p += 2 + self.u16(p)
        flags = []
        while len(flags) < npts:
            f = self.d[p]
            p += 1
            flags.append(f)
            if f & 8:
                flags += [f] * self.d[p]
                p += 1
        coords = []
        for short, same in ((2, 16), (4, 32)):
            v, vals = 0, []
            for f in flags[:npts]:
                if f & short:
                    v += self.d[p] if f & same else -self.d[p]
                    p += 1
                elif not f & same:
                    v += self.i16(p)
                    p += 2
                vals.append(v)
            coords.append(vals)
        pts = [(x + dx, y + dy, bool(f & 1)) for x, y, f in zip(coords[0], coords[1], flags)]
        out, start = [], 0
        for e in ends:
            out.append(pts[start:e + 1])
            start = e + 1
        return out

    def path(self, text, x, baseline, size):
        """SVG path data of `text` set from (x, baseline) at `size` units, and its advance width."""
        k = size / self.upem
        d = []
        for ch in text:
            g = self.cmap.get(ord(ch), 0)
            for c in self.contours(g):
                pt = lambda q: (x + q[0] * k, baseline - q[1] * k)
                n = len(c)
                i0 = next((i for i in range(n) if c[i][2]), None)
                if i0 is None:      # all off-curve: start at the midpoint of the first two
                    c = [((c[0][0] + c[1][0]) / 2, (c[0][1] + c[1][1]) / 2, True)] + c
                    n, i0 = n + 1, 0
                seq = c[i0:] + c[:i0]
                d.append("M%.1f,%.1f" % pt(seq[0]))
                i = 1
                while i <= n:
                    q = seq[i % n]
                    if q[2]:
                        d.append("L%.1f,%.1f" % pt(q))
                        i += 1
                    else:
                        nxt = seq[(i + 1) % n]
                        end = nxt if nxt[2] else ((q[0] + nxt[0]) / 2, (q[1] + nxt[1]) / 2, True)
                        d.append("Q%.1f,%.1f %.1f,%.1f" % (pt(q) + pt(end)))
                        i += 2 if nxt[2] else 1
                d.append("Z")
            x += self.advance(g) * k
        return "".join(d), x


_FONT = []


def label_font():
    if not _FONT:
        _FONT.append(Font(FONT_FILE))
    return _FONT[0]


class Out:
    """Collects SVG elements for one panel (shifted by dx) and the highest point drawn."""

    def __init__(self):
        self.dx, self.items, self.top, self.ground = 0, [], FLOOR, None
        self.left, self.right = 1e9, -1e9
        self.boxes = []   # (x0, y0, x1, y1) of everything drawn, panel coordinates

    def p(self, pt):
        return f"{pt[0] + self.dx:.1f},{pt[1]:.1f}"

    def seen(self, pts, r):
        if pts:
            self.boxes.append((min(x for x, _ in pts) - r, min(y for _, y in pts) - r,
                               max(x for x, _ in pts) + r, max(y for _, y in pts) + r))
        self.top = min([self.top] + [y - r for _, y in pts])
        self.left = min([self.left] + [x - r for x, _ in pts])
        self.right = max([self.right] + [x + r for x, _ in pts])

    def line(self, pts, colour=NEAR, width=LIMB_W, extra=""):
        self.seen(pts, width / 2)
        self.items.append(f'<polyline points="{" ".join(self.p(q) for q in pts)}" stroke="{colour}" '
                          f'stroke-width="{width}"{extra}/>')

    def path(self, d, pts, colour=NEAR, width=LIMB_W):
        self.seen(pts, width / 2)
        self.items.append(f'<path d="{d}" stroke="{colour}" stroke-width="{width}"/>')

    def poly(self, pts, colour=NEAR):
        self.seen(pts, 0)
        self.items.append(f'<polygon points="{" ".join(self.p(q) for q in pts)}" fill="{colour}" stroke="none"/>')

    def circle(self, c, r, colour=NEAR):
        self.seen([c], r)
        self.items.append(f'<circle cx="{c[0] + self.dx:.1f}" cy="{c[1]:.1f}" r="{r}" fill="{colour}" stroke="none"/>')

    def arrow_head(self, tip, ang, size=8):
        self.poly([tip, (tip[0] - size * math.cos(ang - 0.45), tip[1] - size * math.sin(ang - 0.45)),
                   (tip[0] - size * math.cos(ang + 0.45), tip[1] - size * math.sin(ang + 0.45))])

    def motion(self, a, c, b):
        """A thin curved arrow from a through control c to b, with a solid head at b."""
        ang = math.atan2(b[1] - c[1], b[0] - c[0])
        end = (b[0] - 5 * math.cos(ang), b[1] - 5 * math.sin(ang))
        self.path(f"M{self.p(a)} Q{self.p(c)} {self.p(end)}", [a, c, b], NEAR, 2.5)
        self.arrow_head(b, ang)


class Figure:
    """A person: thick torso hip->shoulder (straight, bowed, or a given cubic), solid head, arms and legs."""

    def __init__(self, hip, shoulder, head_deg, face_deg=None, bow=0.0, torso=None):
        self.hip, self.sh = hip, shoulder
        self.head = polar(shoulder, HEAD_OFF, head_deg)
        self.face = face_deg      # None: no nose (only drawn where the head's tilt is part of the exercise)
        self.bow, self.torso = bow, torso
        self.limbs = []   # (far, points)

    def leg(self, foot, bend, toe_deg, far=False):
        knee = ik(self.hip, foot, THIGH, SHIN, bend)
        ankle = polar(knee, SHIN, math.degrees(math.atan2(knee[1] - foot[1], foot[0] - knee[0])))
        self.limbs.append((far, [self.hip, knee, ankle, polar(ankle, FOOT, toe_deg)]))
        return knee, ankle

    def arm(self, hand, bend, far=False):
        elbow = ik(self.sh, hand, UPPER_ARM, FOREARM, bend)
        hand = polar(elbow, FOREARM, math.degrees(math.atan2(elbow[1] - hand[1], hand[0] - elbow[0])))
        self.limbs.append((far, [self.sh, elbow, hand]))
        return elbow, hand

    def add(self, pts, far=False):
        self.limbs.append((far, pts))

    def draw(self, o):
        for far, pts in self.limbs:
            if far:
                o.line(pts, FAR)
        if self.torso:
            c1, c2 = self.torso
            o.path(f"M{o.p(self.hip)} C{o.p(c1)} {o.p(c2)} {o.p(self.sh)}", [self.hip, c1, c2, self.sh], NEAR, TORSO_W)
        else:
            (hx, hy), (sx, sy) = self.hip, self.sh
            ln = math.hypot(sx - hx, sy - hy)
            px, py = (sy - hy) / ln, -(sx - hx) / ln
            if py > 0:
                px, py = -px, -py
            c = ((hx + sx) / 2 + px * self.bow * 2, (hy + sy) / 2 + py * self.bow * 2)
            mid = ((hx + sx) / 2 + px * self.bow, (hy + sy) / 2 + py * self.bow)
            o.path(f"M{o.p(self.hip)} Q{o.p(c)} {o.p(self.sh)}", [self.hip, mid, self.sh], NEAR, TORSO_W)
        o.circle(self.head, HEAD_R)
        if self.face is not None:
            # a big nose and a white eye, so the way the face points reads at print size
            o.poly([polar(self.head, HEAD_R + 8, self.face), polar(self.head, HEAD_R - 2, self.face + 38),
                    polar(self.head, HEAD_R - 2, self.face - 38)])
            o.circle(polar(self.head, HEAD_R * 0.5, self.face + 42), 2.4, "#ffffff")
        for far, pts in self.limbs:
            if not far:
                # thin white edge, started a little away from the joint so it does not bite into the body
                d = math.hypot(pts[1][0] - pts[0][0], pts[1][1] - pts[0][1])
                start = along(pts[0], pts[1], min(0.45, 9 / max(d, 1e-6)))
                o.line([start] + pts[1:], "#ffffff", LIMB_W + 3)
                o.line(pts, NEAR)
        return o


# --- props -------------------------------------------------------------------------------------------
def mat(o):
    """Exercise mat: a light grey band the person lies or kneels on (the floor surface runs through it)."""
    o.ground = "mat"


def floor(o):
    """Plain floor: a black line over a light grey band."""
    o.ground = "floor"


def ground(kind, x0, x1):
    if kind is None:          # the pose draws its own floor (the views from above)
        return []
    if kind == "mat":
        return [f'<rect x="{x0:.1f}" y="{FLOOR - 6}" width="{x1 - x0:.1f}" height="14" rx="4" fill="{MAT}" stroke="none"/>']
    return [f'<rect x="{x0:.1f}" y="{FLOOR}" width="{x1 - x0:.1f}" height="8" fill="{MAT}" stroke="none"/>',
            f'<line x1="{x0:.1f}" y1="{FLOOR}" x2="{x1:.1f}" y2="{FLOOR}" stroke="{NEAR}" stroke-width="2.5"/>']


def chair(o, x, seat):
    """Side view of a plain chair facing right: seat from x to x+40 at height `seat`, back at x."""
    o.line([(x, seat - 62), (x, FLOOR)], PROP, 5)
    o.line([(x, seat), (x + 42, seat), (x + 42, FLOOR)], PROP, 5)


def cushion(o, x, w=30):
    o.seen([(x - w / 2, FLOOR), (x + w / 2, FLOOR)], 0)
    o.items.append(f'<rect x="{x - w / 2 + o.dx:.1f}" y="{FLOOR - 8}" width="{w}" height="9" rx="4" '
                   f'fill="#ffffff" stroke="{NEAR}" stroke-width="2.5"/>')


# --- shared poses ------------------------------------------------------------------------------------
# Lying on the back, head on the left: hip at HIP_X, shoulder TORSO to the left, feet flat to the right.
HIP_X = 100


def supine(bow=0.0, torso=None, hip=None):
    hip = hip or (HIP_X, BODY_Y)
    sh = (hip[0] - TORSO, BODY_Y)
    f = Figure(hip, sh, 164, bow=bow, torso=torso)
    return f


def bent_legs(f, far=True, near=True):
    """Knees bent, feet flat on the floor (hook lying)."""
    foot = (f.hip[0] + 60, FLOOR - 6)
    if far:
        f.leg((foot[0] - 3, foot[1]), +1, 4, far=True)
    if near:
        f.leg(foot, +1, 4)


def arms_by_sides(f, far=False):
    sh = f.sh
    f.add([sh, (sh[0] + UPPER_ARM, LIMB_Y), (sh[0] + ARM, LIMB_Y)], far)


def four_point(hip_x, bow=0.0, head_deg=192, hand_dx=0, near_arm=True, near_leg=True, far_leg=True):
    """Hands and knees, facing left: knees under the hips, hands under the shoulders."""
    hip = (hip_x, FLOOR - 50)
    sh = (hip_x - 55, FLOOR - 62)
    f = Figure(hip, sh, head_deg, bow=bow)
    if far_leg:
        f.add([(hip[0] + 2, hip[1]), (hip_x + 3, LIMB_Y), (hip_x + 3 + SHIN, LIMB_Y), (hip_x + 15 + SHIN, FLOOR - 2)], True)
    if near_leg:
        f.add([hip, (hip_x, LIMB_Y), (hip_x + SHIN, LIMB_Y), (hip_x + 12 + SHIN, FLOOR - 2)])
    hand = (sh[0] + hand_dx, LIMB_Y)
    f.arm((hand[0] - 3, hand[1]), +1, far=True)
    if near_arm:
        f.arm(hand, +1)
    return f


# --- the pictures: each draws one panel (START if end is False) ---------------------------------------
def view_from(theta_deg, origin):
    """Projection for a view from the front and above: x stays x, y (height) and z (away from the viewer) both
    move up the page; theta is the camera's angle above the floor (0 = level, 90 = from straight above)."""
    c, s = math.cos(math.radians(theta_deg)), math.sin(math.radians(theta_deg))
    return lambda x, y, z: (origin[0] + x, origin[1] - y * c - z * s)


def floor_patch(o, proj, x0, x1, z0, z1):
    """The mat seen from above: a light grey rectangle of the floor between x0..x1 and z0..z1."""
    o.ground = None
    pts = [proj(x0, 0, z0), proj(x1, 0, z0), proj(x1, 0, z1), proj(x0, 0, z1)]
    o.seen(pts, 0)
    o.items.append(f'<polygon points="{" ".join(o.p(q) for q in pts)}" fill="{MAT}" stroke="none"/>')


def view_turned(yaw_deg, theta_deg, origin):
    """Projection of (a along the body, w to the person's left, y up) for a three-quarter view: the body turned
    yaw degrees so the feet come towards the viewer, seen from theta degrees above the floor."""
    cy, sy = math.cos(math.radians(yaw_deg)), math.sin(math.radians(yaw_deg))
    c, s = math.cos(math.radians(theta_deg)), math.sin(math.radians(theta_deg))
    return lambda a, w, y: (origin[0] + a * cy + w * sy, origin[1] - y * c - (w * cy - a * sy) * s)


def knee_rocks(o, end):
    """Lying on the back, seen from the side and a little above the feet end (a pure side view cannot show
    knees tipping sideways): knees bent and feet flat; in the end position both knees have rocked gently to
    the side away from the viewer (40 degrees) while the feet and shoulders stay on the mat."""
    P = view_turned(24, 32, (38, FLOOR - 14))
    o.ground = None
    mat_pts = [P(-24, -30, 0), P(136, -30, 0), P(136, 30, 0), P(-24, 30, 0)]
    o.seen(mat_pts, 0)
    o.items.append(f'<polygon points="{" ".join(o.p(q) for q in mat_pts)}" fill="{MAT}" stroke="none"/>')
    hip, sh = P(TORSO, 0, 7), P(0, 0, 7)
    f = Figure(hip, sh, 180)
    f.head = P(-HEAD_OFF, 0, 11)
    f.add([P(0, 9, 5), P(UPPER_ARM, 13, 4), P(ARM, 13, 4)], True)                # far arm by the side
    rock = math.radians(40 if end else 0)
    for w, far in ((7, True), (-7, False)):
        foot = (TORSO + 58, w, 4)
        knee = (TORSO + 28, w + 31 * math.sin(rock), 6 + 31 * math.cos(rock))
        f.add([P(TORSO, w, 7), P(*knee), P(*foot), P(foot[0] + FOOT, w, 3)], far)
    f.add([P(0, -9, 5), P(UPPER_ARM, -13, 4), P(ARM, -13, 4)])                   # near arm by the side
    f.draw(o)
    if end:
        k0 = P(TORSO + 28, -7, 37)
        k1 = P(TORSO + 28, -7 + 31 * math.sin(rock), 6 + 31 * math.cos(rock))
        o.motion((k0[0] + 4, k0[1] - 10), (k0[0] + 22, k0[1] - 6), (k1[0] + 14, k1[1] - 2))

def pelvic_tilt(o, end):
    mat(o)
    if not end:   # a small gap under the lower back
        hx = HIP_X
        f = supine(torso=((hx - 4, BODY_Y - 17), (hx - 30, BODY_Y - 17)))
    else:         # lower back pressed flat on the floor
        f = supine()
    bent_legs(f)
    f.add([f.sh, (f.sh[0] + 28, LIMB_Y), (f.sh[0] + 12, BODY_Y - 8)])            # hand resting on the chest
    f.draw(o)
    if end:
        o.line([(HIP_X - 24, FLOOR - 44), (HIP_X - 24, FLOOR - 22)], NEAR, 2.5)
        o.arrow_head((HIP_X - 24, FLOOR - 16), math.pi / 2)


def bridge(o, end):
    mat(o)
    if not end:
        f = supine()
        bent_legs(f)
        arms_by_sides(f)
        return f.draw(o)
    ankle = (HIP_X + 60, FLOOR - 6)
    knee = (ankle[0] - 10, ankle[1] - math.sqrt(SHIN ** 2 - 100))
    sh = (knee[0] - math.sqrt((THIGH + TORSO) ** 2 - (BODY_Y - knee[1]) ** 2), BODY_Y)
    hip = along(knee, sh, THIGH / (THIGH + TORSO))
    f = Figure(hip, sh, 164)
    for far, dxf in ((True, -3), (False, 0)):
        a = (ankle[0] + dxf, ankle[1])
        f.add([hip, (knee[0] + dxf, knee[1]), a, polar(a, FOOT, 4)], far)
    arms_by_sides(f)
    f.draw(o)
    o.line([(hip[0] - 4, hip[1] - 12), (hip[0] - 4, hip[1] - 30)], NEAR, 2.5)
    o.arrow_head((hip[0] - 4, hip[1] - 36), -math.pi / 2)


def knees_to_chest(o, end):
    mat(o)
    f = supine()
    if not end:
        bent_legs(f)
        arms_by_sides(f)
        return f.draw(o)
    # both thighs folded up over the tummy so the knees are above the chest, shins about level, feet over the
    # hips; both hands hold the shins just below the knees
    for far, d in ((True, -3), (False, 0)):
        knee = polar(f.hip, THIGH, 132 + d)
        ankle = polar(knee, SHIN, -6)
        f.add([f.hip, knee, ankle, polar(ankle, FOOT, 60)], far)
    knee = polar(f.hip, THIGH, 132)
    hand = along(knee, polar(knee, SHIN, -6), 0.22)
    hand = (hand[0], hand[1] + 2)
    f.arm((hand[0] - 3, hand[1] + 1), +1, far=True)
    f.arm(hand, +1)
    f.draw(o)
    o.motion((HIP_X + 58, FLOOR - 20), (HIP_X + 62, FLOOR - 62), (HIP_X + 38, FLOOR - 66))


def dead_bug(o, end):
    mat(o)
    hip = (HIP_X + 12, BODY_Y)
    f = supine(hip=hip)
    knee = (hip[0] + 1, hip[1] - THIGH)
    ankle = (knee[0] + SHIN, knee[1])
    far_knee = (knee[0] - 3, knee[1])
    far_ankle = (ankle[0] - 3, ankle[1])
    f.add([hip, far_knee, far_ankle, polar(far_ankle, FOOT, 60)], True)            # far leg stays at 90/90
    up = (f.sh[0] + 2, f.sh[1] - ARM)
    f.add([f.sh, along(f.sh, up, UPPER_ARM / ARM), up])                           # near arm stays pointing up
    if not end:
        f.add([f.sh, (f.sh[0] - 1, f.sh[1] - UPPER_ARM), (f.sh[0] - 1, f.sh[1] - ARM)], True)
        f.add([hip, knee, ankle, polar(ankle, FOOT, 60)])
    else:
        f.add([f.sh, polar(f.sh, UPPER_ARM, 150), polar(f.sh, ARM, 150)], True)   # far arm back over the head
        k = polar(hip, THIGH, 36)
        a = polar(k, SHIN, 36)
        f.add([hip, k, a, polar(a, FOOT, 110)])                                     # near leg stretched out low
    f.draw(o)
    if end:
        o.motion((ankle[0] + 10, ankle[1] - 4), (ankle[0] + 30, ankle[1] + 8), (ankle[0] + 30, ankle[1] + 26))


def hamstring(o, end):
    mat(o)
    f = supine()
    if not end:
        bent_legs(f)
        arms_by_sides(f)
        return f.draw(o)
    bent_legs(f, near=False)
    k = polar(f.hip, THIGH, 78)
    ankle = polar(k, SHIN, 78)
    toe = polar(ankle, FOOT, 168)
    f.add([f.hip, k, ankle, toe])                                                   # straight leg raised
    hand = (f.sh[0] + 40, f.sh[1] - 40)
    f.arm((hand[0] - 2, hand[1] + 2), -1, far=True)
    f.arm(hand, -1)
    f.draw(o)
    sole = along(ankle, toe, 0.5)
    top = (sole[0] + 2, sole[1] - 6)
    o.path(f"M{o.p(hand)} L{o.p((top[0] - 4, top[1]))} Q{o.p((top[0], top[1] - 5))} {o.p((top[0] + 4, top[1] + 1))} "
           f"L{o.p((hand[0] + 2, hand[1] + 3))}", [hand, top], PROP, 3)            # towel round the foot
    o.motion((HIP_X + 52, FLOOR - 36), (HIP_X + 52, FLOOR - 74), (HIP_X + 30, FLOOR - 94))


def cat_camel(o, end):
    mat(o)
    if not end:   # back rounded up, head dropped
        f = four_point(118, bow=15, head_deg=236)
    else:         # back dipped a little, head lifted a little
        f = four_point(118, bow=-8, head_deg=172)
    f.draw(o)
    x = 118 - 28
    if not end:
        o.line([(x, FLOOR - 82), (x, FLOOR - 98)], NEAR, 2.5)
        o.arrow_head((x, FLOOR - 104), -math.pi / 2)
    else:
        o.line([(x, FLOOR - 92), (x, FLOOR - 76)], NEAR, 2.5)
        o.arrow_head((x, FLOOR - 70), math.pi / 2)


def bird_dog(o, end):
    mat(o)
    hx = 116
    if not end:
        return four_point(hx, head_deg=190).draw(o)
    # the near leg reaches back and the opposite (far) arm reaches forward; back flat, head in line
    f = four_point(hx, head_deg=186, near_leg=False)
    f.limbs = [l for l in f.limbs if not (l[0] and l[1][0] == f.sh)]              # drop the far support arm
    f.limbs.insert(0, (True, [f.sh, polar(f.sh, UPPER_ARM, 176), polar(f.sh, ARM, 176)]))
    f.add([f.hip, polar(f.hip, THIGH, 2), polar(f.hip, THIGH + SHIN, 2),
           polar(polar(f.hip, THIGH + SHIN, 2), FOOT, -70)])
    f.draw(o)


def prayer(o, end):
    mat(o)
    kx = 112
    hand_x = kx - 84
    if not end:
        return four_point(kx, head_deg=196, hand_dx=hand_x - (kx - 55)).draw(o)
    hip = (kx + 24, FLOOR - 40)                      # sitting back towards the heels
    sh = polar(hip, TORSO, 200)
    f = Figure(hip, sh, 200, bow=7)    # head down between the arms
    f.add([(hip[0] + 2, hip[1]), (kx + 3, LIMB_Y), (kx + 3 + SHIN, LIMB_Y), (kx + 15 + SHIN, FLOOR - 2)], True)
    f.add([hip, (kx, LIMB_Y), (kx + SHIN, LIMB_Y), (kx + 12 + SHIN, FLOOR - 2)])
    f.arm((hand_x - 3, LIMB_Y), +1, far=True)
    f.arm((hand_x, LIMB_Y), +1)
    f.draw(o)
    o.motion((kx - 4, FLOOR - 72), (kx + 26, FLOOR - 78), (kx + 38, FLOOR - 58))


def press_up(o, end):
    mat(o)
    hip = (100, BODY_Y)
    legs = [(True, [(hip[0], hip[1] - 2), (hip[0] - THIGH, LIMB_Y - 2), (hip[0] - THIGH - SHIN, LIMB_Y - 2),
                    (hip[0] - THIGH - SHIN - 7, LIMB_Y)]),
            (False, [hip, (hip[0] - THIGH, LIMB_Y), (hip[0] - THIGH - SHIN, LIMB_Y),
                     (hip[0] - THIGH - SHIN - 7, LIMB_Y + 2)])]
    if not end:   # lying on the front, forehead down, hands flat beside the shoulders, elbows up
        sh = (hip[0] + TORSO, BODY_Y)
        f = Figure(hip, sh, 13)
        f.limbs += legs
        hand = (sh[0] - 4, LIMB_Y)
        f.arm((hand[0] - 2, hand[1]), -1, far=True)
        f.arm(hand, -1)
    else:         # arms push the top half up, hips stay down, lower back sags, looking ahead
        sh = polar(hip, TORSO - 2, 48)
        f = Figure(hip, sh, 66, bow=-7)
        f.limbs += legs
        hand = (hip[0] + TORSO - 4, LIMB_Y)
        f.arm((hand[0] - 2, hand[1]), +1, far=True)
        f.arm(hand, +1)
    f.draw(o)
    if end:
        o.motion((hip[0] + 4, FLOOR - 28), (hip[0] + 2, FLOOR - 62), (hip[0] + 24, FLOOR - 72))


def side_plank(o, end):
    """Lying on the side, seen from the front: knees on the left (the shins go back behind, drawn short),
    propped on the forearm on the right with the elbow under the shoulder; the top hand rests on the hip."""
    mat(o)
    knee = (50, FLOOR - 6)
    elbow = (150, LIMB_Y)
    sh = (150, LIMB_Y - UPPER_ARM)
    if end:
        d = math.hypot(sh[0] - knee[0], sh[1] - knee[1])
        hip = along(knee, sh, THIGH / d)
    else:
        hip = (knee[0] + math.sqrt(THIGH ** 2 - 9), BODY_Y)
    u = math.degrees(math.atan2(hip[1] - sh[1], sh[0] - hip[0]))
    f = Figure(hip, sh, u + (4 if end else 14))
    f.add([(hip[0], hip[1] - 3), (knee[0] + 1, knee[1] - 6), (knee[0] - 18, knee[1] - 14)], True)
    f.add([hip, knee, (knee[0] - 20, knee[1] - 8)])
    f.add([sh, elbow, (elbow[0] + 26, LIMB_Y)])                                    # forearm on the floor
    f.arm(along(hip, sh, 0.12), -1, far=True)                                        # top hand on the hip
    f.draw(o)
    if end:
        o.line([(hip[0] + 4, hip[1] - 14), (hip[0] + 4, hip[1] - 32)], NEAR, 2.5)
        o.arrow_head((hip[0] + 4, hip[1] - 38), -math.pi / 2)


def clam(o, end):
    """Lying on the side seen from the front and a little above, head on the left resting on the lower arm;
    hips bent 45 degrees and knees 90 degrees, so each leg makes a V towards the viewer; feet together. In the
    end position the top knee (black) has lifted, opening like a clam shell, while the feet stay together."""
    V = view_from(50, (0, FLOOR - 30))
    P = lambda a, u, fw: V(a, u, -fw)        # forwards (towards the viewer) is down the page
    floor_patch(o, P, 6, 186, -22, 44)
    # (along the body, up from the floor, forwards towards the viewer)
    hip, sh = P(104, 10, 0), P(50, 10, 0)
    f = Figure(hip, sh, 180)
    f.head = P(32, 12, 2)
    f.add([P(50, 3, 0), P(30, 2, 12), P(12, 2, 6)], True)                                   # lower arm under the head
    bottom_hip, top_hip = (104, 3, 0), (104, 15, 0)
    f.add([P(*bottom_hip), P(135, 3, 31), P(165, 3, 1), P(176, 3, 6)], True)             # lower leg
    axis_u, lift = 13, math.radians(62 if end else 0)
    knee = (135, axis_u + 31 * math.sin(lift) - (2 if not end else 0), 31 * math.cos(lift))
    f.add([P(*top_hip), P(*knee), P(165, 11, 2), P(176, 11, 7)])                           # top leg
    f.add([P(50, 16, 0), P(62, 8, 18), P(70, 0, 28)])                                     # top hand on the mat in front
    f.draw(o)
    if end:
        k0 = P(135, 11, 31)
        k1 = P(*knee)
        o.motion((k0[0] - 6, k0[1] - 2), (k0[0] - 16, (k0[1] + k1[1]) / 2), (k1[0] - 6, k1[1] + 8))


def stand(f, x, far_arm=True):
    hx, hy = f.hip
    for far, d in ((True, -3), (False, 0)):
        ankle = (x + d, FLOOR - 6)
        f.add([(hx + d / 2, hy), (x + d + 1, hy + THIGH), ankle, (ankle[0] + FOOT, FLOOR - 4)], far)
    if far_arm:
        f.add([f.sh, (f.sh[0] - 2, f.sh[1] + UPPER_ARM), (f.sh[0] - 1, f.sh[1] + ARM)], True)
    f.add([f.sh, (f.sh[0] + 1, f.sh[1] + UPPER_ARM), (f.sh[0] + 3, f.sh[1] + ARM)])


def standing(x):
    hip = (x, FLOOR - 6 - math.sqrt((THIGH + SHIN) ** 2 - 1))
    f = Figure(hip, (x + 1, hip[1] - TORSO), 92)
    stand(f, x)
    return f


def sit_to_stand(o, end):
    floor(o)
    seat = FLOOR - 48
    chair(o, 22, seat)
    if not end:   # sitting near the front of the seat, leaning forward from the hips, hands on the thighs
        hip = (56, seat - 7)
        f = Figure(hip, polar(hip, TORSO, 64), 66)
        f.leg((88, FLOOR - 6), +1, 2, far=True)
        knee, _ = f.leg((91, FLOOR - 6), +1, 2)
        f.arm(along(hip, knee, 0.75), -1)
        return f.draw(o)
    standing(86).draw(o)


def walking(o, end):
    floor(o)
    if not end:
        return standing(84).draw(o)
    hx = 88
    hip = (hx, FLOOR - 6 - 81)
    f = Figure(hip, polar(hip, TORSO, 86), 82)
    bk = ik(hip, (hx - 30, FLOOR - 12), THIGH, SHIN, +1)
    f.add([hip, bk, (hx - 30, FLOOR - 12), (hx - 20, FLOOR - 4)], True)             # back leg, heel lifted
    fk = ik(hip, (hx + 32, FLOOR - 8), THIGH, SHIN, +1)
    f.add([hip, fk, (hx + 32, FLOOR - 8), (hx + 42, FLOOR - 14)])                  # front leg, heel down
    f.arm(polar(f.sh, ARM - 2, -60), +1, far=True)                                  # far arm swings forward
    f.arm(polar(f.sh, ARM - 1, -118), -1)                                           # near arm swings back
    f.draw(o)
    o.line([(hx + 50, FLOOR - 110), (hx + 74, FLOOR - 110)], NEAR, 2.5)
    o.arrow_head((hx + 80, FLOOR - 110), 0)


def slider(o, end):
    floor(o)
    seat = FLOOR - 48
    chair(o, 30, seat)
    hip = (60, seat - 7)
    sh = polar(hip, TORSO, 86)
    # head tipped down (chin to chest, looking at the lap) / tipped up (looking at the ceiling)
    f = Figure(hip, sh, 62 if not end else 104, face_deg=-48 if not end else 62)
    f.leg((98, FLOOR - 6), +1, 2, far=True)
    if not end:   # knee bent, foot on the floor
        f.leg((101, FLOOR - 6), +1, 2)
        knee = ik(hip, (101, FLOOR - 6), THIGH, SHIN, +1)
    else:         # knee straight, toes pulled up
        knee = polar(hip, THIGH, 4)
        ankle = polar(knee, SHIN, 10)
        f.add([hip, knee, ankle, polar(ankle, FOOT, 95)])
    f.arm(along(hip, knee, 0.55), -1)                                                # hands resting in the lap
    f.draw(o)
    # where the eyes look: a dashed line from the face, down to the lap or up to the ceiling
    eye = polar(f.head, HEAD_R + 8, f.face)
    o.line([eye, polar(eye, 30, f.face)], NEAR, 2.5, ' stroke-dasharray="3 4"')
    if end:
        o.motion((hip[0] + 74, FLOOR - 30), (hip[0] + 98, FLOOR - 34), (hip[0] + 98, FLOOR - 62))
        c = f.head                                                                      # head tipping back
        o.motion(polar(c, HEAD_R + 12, -10), polar(c, HEAD_R + 26, 22), polar(c, HEAD_R + 16, 48))


def hip_flexor(o, end):
    """Half-kneeling, facing right: back knee on a cushion under the hip, front foot flat and the front knee at
    a right angle; in the end position the hips (and the front knee) move forward."""
    floor(o)
    bk = (70, FLOOR - 13)
    cushion(o, bk[0] + 4)
    foot = (124, FLOOR - 6)
    hip = (88, bk[1] - math.sqrt(THIGH ** 2 - 18 ** 2)) if end else (bk[0] + 2, bk[1] - THIGH)
    f = Figure(hip, (hip[0] + 1, hip[1] - TORSO), 92)
    f.add([hip, bk, (bk[0] - SHIN, FLOOR - 5), (bk[0] - SHIN - 10, FLOOR - 3)], True)   # back leg kneeling
    f.leg(foot, +1, 0)                                                                  # front leg
    f.add([f.sh, (f.sh[0] + 2, f.sh[1] + UPPER_ARM), (f.sh[0] + 5, f.sh[1] + ARM)])     # arm by the side
    f.draw(o)
    if end:
        o.line([(hip[0] + 10, hip[1] - 14), (hip[0] + 28, hip[1] - 14)], NEAR, 2.5)
        o.arrow_head((hip[0] + 34, hip[1] - 14), 0)


EXERCISES = {
    "knee-rocks": knee_rocks, "cat-camel": cat_camel, "bridge": bridge, "sit-to-stand": sit_to_stand,
    "walking": walking, "knees-to-chest": knees_to_chest, "sciatic-nerve-slider": slider, "clam": clam,
    "pelvic-tilt": pelvic_tilt, "prayer-stretch": prayer, "bird-dog": bird_dog, "dead-bug": dead_bug,
    "hip-flexor-stretch": hip_flexor, "hamstring-stretch": hamstring, "press-up": press_up,
    "side-plank-knees": side_plank,
}


MARGIN = 4                # white margin around the drawing, picture units


def free_top(o, x0, x1):
    """Top (smallest y) of what panel `o` draws between x0 and x1 (panel coordinates), FLOOR if nothing."""
    return min([FLOOR] + [b[1] for b in o.boxes if b[2] > x0 and b[0] < x1])


def picture(draw, lang="en"):
    start, end = Out(), Out()
    draw(start, False)
    draw(end, True)
    ws, we = start.right - start.left, end.right - end.left
    gap = 26                                  # room for the arrow between the panels
    if ws + we + gap + 12 > 400:
        raise SystemExit(f"{draw.__name__}: too wide ({ws:.0f} + {we:.0f})")
    split = (400 - gap + ws - we) / 2         # equal slack on both sides
    regions = ((0.0, split), (split + gap, 400.0))
    top = min(start.top, end.top)
    font = label_font()
    # Each label sits at the top left of its panel: level with the top of the drawing when nothing is drawn
    # under it there, else just above the drawing (so the picture grows by a label's height).
    cap = 0.714 * LABEL_SIZE                  # cap height of Noto Sans (1462/2048 em)
    placed = []
    for o, (r0, r1), w, word in ((start, regions[0], ws, LABELS[lang][0]), (end, regions[1], we, LABELS[lang][1])):
        tx = r0 + (r1 - r0 - w) / 2 - o.left
        x = r0 + 6
        _, x_end = font.path(word, x, 0, LABEL_SIZE)
        placed.append((o, tx, x, x_end, word))
    baseline = min([top + cap] + [free_top(o, x - tx - 4, x_end - tx + 4) - 6 for o, tx, x, x_end, _ in placed])
    label_top = baseline - cap
    view_top = math.floor(min(top, label_top) - MARGIN)
    view_bottom = math.ceil(max([FLOOR + 8] + [b[3] for o in (start, end) for b in o.boxes]) + MARGIN)
    mid_y = (top + FLOOR) / 2
    body = []
    for o, tx, x, _, word in placed:
        (r0, r1) = regions[0] if o is start else regions[1]
        body.append(f'<g transform="translate({tx:.1f},0)">')
        body += ground(o.ground, r0 + 4 - tx, r1 - 4 - tx) + o.items + ['</g>']
        d, _ = font.path(word, x, baseline, LABEL_SIZE)
        body.append(f'<g class="label" aria-label="{word}"><title>{word}</title><path d="{d}" fill="{NEAR}" stroke="none"/></g>')
    a = split + 4
    mid = Out()
    mid.poly([(a - 1, mid_y - 5), (a + 8, mid_y - 5), (a + 8, mid_y - 12), (a + 19, mid_y), (a + 8, mid_y + 12),
              (a + 8, mid_y + 5), (a - 1, mid_y + 5)])
    body += mid.items
    h = view_bottom - view_top
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 {view_top:.0f} 400 {h:.0f}" '
            f'width="400" height="{h:.0f}">\n'
            f'<rect y="{view_top:.0f}" width="400" height="{h:.0f}" fill="#ffffff"/>\n'
            '<g fill="none" stroke-linecap="round" stroke-linejoin="round">\n'
            + "\n".join(body) + "\n</g>\n</svg>\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    args = sys.argv[1:]
    lang = "en"
    if args[:1] == ["--lang"]:
        lang, args = args[1], args[2:]
    if lang not in LABELS:
        raise SystemExit(f"no labels for language '{lang}' (have: {', '.join(sorted(LABELS))})")
    out = args[0] if args else os.path.join(here, "..", "content", "exercises", "images")
    os.makedirs(out, exist_ok=True)
    for ident, draw in EXERCISES.items():
        with open(os.path.join(out, ident + ".svg"), "w", encoding="utf-8") as f:
            f.write(picture(draw, lang))


if __name__ == "__main__":
    main()
