#!/usr/bin/env python3
"""Draws the exercise illustrations (content/exercises/images/ID.svg) from joint positions.

Each picture is 400 units wide: the START position in the left panel (x 0..188), a solid arrow in the middle,
the END position in the right panel (x 212..400). Every figure is drawn at the same scale (thigh 44, shin 42,
torso 56, upper arm 30, forearm 28, head radius 11), so a person is the same size in every picture. Each panel
is placed and sized from what is drawn in it, so a wide end pose (bird dog) gets more room. Frames are 400 x 200;
with --fit-height the frame height follows the pose instead (200 for standing, less for lying, never below 134
so width:height stays between 2:1 and 3:1).

The style is made for small black-and-white print: a solid round head with a small nose showing which way the
person faces, a thick rounded torso, thick rounded limbs, near-side limbs black (with a thin white edge so they
stand out where they cross the body) and far-side limbs mid grey, a light grey mat or floor, and thin black
arrows with solid heads showing the movement. No text, fonts, scripts or external references.
Python 3 standard library only.  Usage: python3 scripts/draw_exercises.py [--fit-height] [output_dir]
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


class Out:
    """Collects SVG elements for one panel (shifted by dx) and the highest point drawn."""

    def __init__(self):
        self.dx, self.items, self.top, self.ground = 0, [], FLOOR, None
        self.left, self.right = 1e9, -1e9

    def p(self, pt):
        return f"{pt[0] + self.dx:.1f},{pt[1]:.1f}"

    def seen(self, pts, r):
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
            o.poly([polar(self.head, HEAD_R + 5, self.face), polar(self.head, HEAD_R - 2, self.face + 40),
                    polar(self.head, HEAD_R - 2, self.face - 40)])
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
def knee_rocks(o, end):
    mat(o)
    f = supine()
    arms_by_sides(f)
    if not end:
        bent_legs(f)
        return f.draw(o)
    # knees tipped towards the viewer, seen a little from above: they fall onto the near side of the mat,
    # the far leg now lies on top of the near one, the feet stay together where they were. A dashed outline
    # shows where the knees were.
    foot = (HIP_X + 60, FLOOR - 6)
    ghost = ik(f.hip, foot, THIGH, SHIN, +1)
    o.line([f.hip, ghost, foot], "#aaaaaa", 2.5, ' stroke-dasharray="5 4"')
    f.add([(HIP_X, BODY_Y - 3), (HIP_X + 32, FLOOR - 20), foot, polar(foot, FOOT, 4)], True)
    f.add([(HIP_X, BODY_Y), (HIP_X + 36, FLOOR + 2), (foot[0] + 2, foot[1] + 2), polar((foot[0] + 2, foot[1] + 2), FOOT, 0)])
    f.draw(o)
    o.motion((ghost[0] + 8, ghost[1] - 4), (ghost[0] + 30, ghost[1] + 6), (ghost[0] + 20, FLOOR - 18))


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
    # thighs folded up over the tummy, knees above the chest, shins level, feet relaxed;
    # hands holding behind the thighs just below the knees
    for far, d in ((True, -4), (False, 0)):
        knee = polar(f.hip, THIGH, 116 + d)
        ankle = polar(knee, SHIN, -8 + d)
        f.add([f.hip, knee, ankle, polar(ankle, FOOT, -30)], far)
    knee = polar(f.hip, THIGH, 116)
    hand = along(f.hip, knee, 0.9)
    hand = (hand[0] + 4, hand[1] + 1)
    f.arm((hand[0] - 2, hand[1] - 1), +1, far=True)
    f.arm(hand, +1)
    f.draw(o)
    o.motion((HIP_X + 50, FLOOR - 28), (HIP_X + 50, FLOOR - 84), (HIP_X + 10, FLOOR - 78))


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
    """Lying on the side, seen from the front and a little above: hips and knees bent, so the knees come
    towards the viewer (down the page); the top leg (black) opens upwards while the feet stay together."""
    mat(o)
    hip = (104, FLOOR - 12)
    sh = (hip[0] - TORSO, FLOOR - 12)
    f = Figure(hip, sh, 150)
    feet = (160, FLOOR - 10)
    f.add([sh, (sh[0] - 24, LIMB_Y), (sh[0] - 46, LIMB_Y - 6)], True)                 # lower arm under the head
    f.add([(hip[0], hip[1] + 3), (134, FLOOR + 2), feet, (feet[0] + 10, feet[1] + 3)], True)   # lower leg
    top_knee = (128, FLOOR - 44) if end else (133, FLOOR - 8)
    top_feet = (feet[0] + 1, feet[1] - 7)
    f.add([(hip[0], hip[1] - 3), top_knee, top_feet, (top_feet[0] + 10, top_feet[1] + 2)])
    f.add([sh, (sh[0] + 14, FLOOR - 2), (sh[0] + 38, FLOOR + 1)])                   # top hand on the floor in front
    f.draw(o)
    if end:
        o.motion((150, FLOOR - 22), (156, FLOOR - 46), (138, FLOOR - 58))


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
    f = Figure(hip, sh, 45 if not end else 110, face_deg=-20 if not end else 60)  # chin down / looking up
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
    if end:
        o.motion((hip[0] + 74, FLOOR - 30), (hip[0] + 98, FLOOR - 34), (hip[0] + 98, FLOOR - 62))


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


# With --fit-height a lying pose gets a shorter frame (down to 400 x 134) with less empty sky. Off by default:
# the layout tests and golden files expect the shipped pictures to keep their 400 x 200 (2:1) frame.
FIT_HEIGHT = False


def picture(draw):
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
    height = 200
    if FIT_HEIGHT:
        height = max(134, min(200, int(math.ceil((FLOOR + 12 - top + 8) / 10.0)) * 10))
    mid_y = (top + FLOOR) / 2
    body = []
    for o, (r0, r1), w in ((start, regions[0], ws), (end, regions[1], we)):
        tx = r0 + (r1 - r0 - w) / 2 - o.left
        body.append(f'<g transform="translate({tx:.1f},0)">')
        body += ground(o.ground, r0 + 4 - tx, r1 - 4 - tx) + o.items + ['</g>']
    a = split + 4
    mid = Out()
    mid.poly([(a - 1, mid_y - 5), (a + 8, mid_y - 5), (a + 8, mid_y - 12), (a + 19, mid_y), (a + 8, mid_y + 12),
              (a + 8, mid_y + 5), (a - 1, mid_y + 5)])
    body += mid.items
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 400 {height}" width="400" height="{height}">\n'
            f'<rect width="400" height="{height}" fill="#ffffff"/>\n'
            f'<g transform="translate(0,{height - 200})" fill="none" stroke-linecap="round" stroke-linejoin="round">\n'
            + "\n".join(body) + "\n</g>\n</svg>\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    global FIT_HEIGHT
    args = [a for a in sys.argv[1:] if a != "--fit-height"]
    FIT_HEIGHT = len(args) != len(sys.argv) - 1
    out = args[0] if args else os.path.join(here, "..", "content", "exercises", "images")
    os.makedirs(out, exist_ok=True)
    for ident, draw in EXERCISES.items():
        with open(os.path.join(out, ident + ".svg"), "w", encoding="utf-8") as f:
            f.write(picture(draw))


if __name__ == "__main__":
    main()
