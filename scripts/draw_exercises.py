#!/usr/bin/env python3
"""Draws the exercise illustrations (content/exercises/images/ID.svg) from joint positions.

Each picture is a 400 x 200 viewBox: the START position in the left panel (x 0..180), a simple arrow in the
middle, the END position in the right panel (x 220..400). Figures are stick figures with a round head;
limbs are placed by two-bone inverse kinematics (thigh 38, shin 36, upper arm 26, forearm 24 units), so
segment lengths stay the same in every picture. Near-side limbs are black, far-side limbs light grey.
Python 3 standard library only.  Usage: python3 scripts/draw_exercises.py [output_dir]
"""
import math
import os
import sys

STROKE = 3
FLOOR = 172           # y of the floor line
THIGH, SHIN, FOOT = 38, 36, 11
UPPER_ARM, FOREARM = 26, 24
TORSO = 50            # hip to neck
HEAD_R = 9
FAR = "#b4b4b4"       # far-side limbs: light grey
NEAR = "#000000"


def ik(a, c, l1, l2, bend):
    """Middle joint (knee/elbow) between a and c for segment lengths l1, l2; bend=+1/-1 picks the side
    (+1 = to the left of the direction a->c in screen coordinates)."""
    dx, dy = c[0] - a[0], c[1] - a[1]
    d = math.hypot(dx, dy)
    d = min(max(d, 1e-6), l1 + l2 - 1e-3)
    ang = math.atan2(dy, dx)
    cos_a = (l1 * l1 + d * d - l2 * l2) / (2 * l1 * d)
    off = math.acos(max(-1.0, min(1.0, cos_a)))
    t = ang - bend * off
    return (a[0] + l1 * math.cos(t), a[1] + l1 * math.sin(t))


def reach(a, c, length):
    """Point `length` from a towards c (used to clamp a hand or foot that is out of reach)."""
    dx, dy = c[0] - a[0], c[1] - a[1]
    d = math.hypot(dx, dy)
    return (a[0] + dx / d * length, a[1] + dy / d * length)


def polar(p, length, deg):
    """Point `length` from p at `deg` degrees (0 = right, 90 = up on the page)."""
    r = math.radians(deg)
    return (p[0] + length * math.cos(r), p[1] - length * math.sin(r))


class Figure:
    """One stick figure: torso hip->neck (optionally curved), head, 2 arms, 2 legs."""

    def __init__(self, hip, neck, head, curve=0.0):
        self.hip, self.neck, self.curve = hip, neck, curve
        d = math.hypot(head[0] - neck[0], head[1] - neck[1])
        self.head = (neck[0] + (head[0] - neck[0]) / d * (HEAD_R + 3), neck[1] + (head[1] - neck[1]) / d * (HEAD_R + 3))
        self.limbs = []   # (colour, points)

    def leg(self, foot, bend, toe_deg, far=False, hip=None):
        hip = hip or self.hip
        knee = ik(hip, foot, THIGH, SHIN, bend)
        if math.hypot(foot[0] - hip[0], foot[1] - hip[1]) > THIGH + SHIN:
            foot = reach(hip, foot, THIGH + SHIN)
        self.limbs.append((FAR if far else NEAR, [hip, knee, foot, polar(foot, FOOT, toe_deg)]))
        return self

    def arm(self, hand, bend, far=False, shoulder=None):
        sh = shoulder or self.neck
        if math.hypot(hand[0] - sh[0], hand[1] - sh[1]) > UPPER_ARM + FOREARM:
            hand = reach(sh, hand, UPPER_ARM + FOREARM - 0.01)
        elbow = ik(sh, hand, UPPER_ARM, FOREARM, bend)
        self.limbs.append((FAR if far else NEAR, [sh, elbow, hand]))
        return self

    def svg(self, dx):
        out = []
        f = lambda p: f"{p[0] + dx:.1f},{p[1]:.1f}"
        # far limbs first so the body covers them
        for colour, pts in sorted(self.limbs, key=lambda l: l[0] == NEAR):
            out.append(f'<polyline points="{" ".join(f(p) for p in pts)}" stroke="{colour}"/>')
        hx, hy = self.hip
        nx, ny = self.neck
        mx, my = (hx + nx) / 2, (hy + ny) / 2
        length = math.hypot(nx - hx, ny - hy)
        px, py = -(ny - hy) / length, (nx - hx) / length   # perpendicular
        cx, cy = mx + px * self.curve, my + py * self.curve
        out.append(f'<path d="M{f(self.hip)} Q{f((cx, cy))} {f(self.neck)}" stroke="{NEAR}"/>')
        out.append(f'<circle cx="{self.head[0] + dx:.1f}" cy="{self.head[1]:.1f}" r="{HEAD_R}" '
                   f'stroke="{NEAR}" fill="#ffffff"/>')
        return out


def lying(hip_x=100, head_left=True):
    """Hip, neck and head of a person lying flat on the floor (on the back, front or side)."""
    s = -1 if head_left else 1
    y = FLOOR - 5
    return (hip_x, y), (hip_x + s * TORSO, y), (hip_x + s * (TORSO + HEAD_R + 3), FLOOR - HEAD_R - 1)


# --- props -------------------------------------------------------------------------------------------
def floor(dx):
    return [f'<line x1="{dx + 5}" y1="{FLOOR}" x2="{dx + 175}" y2="{FLOOR}" stroke="{NEAR}"/>']


def chair(dx, x=40, seat=120):
    """Side view of a plain chair: seat at y=seat from x to x+40, back post at x."""
    return [f'<polyline points="{dx + x},{seat - 55} {dx + x},{FLOOR}" stroke="{NEAR}"/>',
            f'<polyline points="{dx + x},{seat} {dx + x + 42},{seat} {dx + x + 42},{FLOOR}" stroke="{NEAR}"/>']


def cushion(dx, x, w=22):
    return [f'<rect x="{dx + x - w / 2:.1f}" y="{FLOOR - 6}" width="{w}" height="6" rx="3" '
            f'stroke="{NEAR}" fill="#e6e6e6" stroke-width="2"/>']


def motion(dx, pts):
    """A small curved grey arrow inside a panel showing the direction of movement."""
    (x0, y0), (cx, cy), (x1, y1) = pts
    ang = math.atan2(y1 - cy, x1 - cx)
    a1 = (x1 - 7 * math.cos(ang - 0.5), y1 - 7 * math.sin(ang - 0.5))
    a2 = (x1 - 7 * math.cos(ang + 0.5), y1 - 7 * math.sin(ang + 0.5))
    return [f'<path d="M{x0 + dx},{y0} Q{cx + dx},{cy} {x1 + dx},{y1}" stroke="#808080" stroke-width="2"/>',
            f'<polyline points="{a1[0] + dx:.1f},{a1[1]:.1f} {x1 + dx},{y1} {a2[0] + dx:.1f},{a2[1]:.1f}" '
            f'stroke="#808080" stroke-width="2"/>']


def middle_arrow():
    return ['<line x1="186" y1="100" x2="212" y2="100" stroke="#000000"/>',
            '<polyline points="204,92 213,100 204,108" stroke="#000000"/>']


# --- poses: each returns (svg elements) for a panel offset dx ------------------------------------------
# Supine and prone figures lie with the torso line 5 units above the floor and the head resting on it.
def rest_arm(f):
    """Supine arm: elbow on the floor beside the body, hand resting on the tummy."""
    f.limbs.append((NEAR, [f.neck, (72, FLOOR - 4), (90, FLOOR - 13)]))
    return f


def hook_lying():
    hip, neck, head = lying()
    f = Figure(hip, neck, head)
    f.leg((144, FLOOR - 4), +1, 0, far=True).leg((148, FLOOR - 4), +1, 0)
    return f


def knee_rocks(dx, end):
    if not end:
        return floor(dx) + rest_arm(hook_lying()).svg(dx)
    hip, neck, head = lying()
    f = Figure(hip, neck, head)
    # knees tipped towards the viewer: seen from the side the knees drop while the feet stay put
    f.limbs.append((FAR, [(hip[0], hip[1] - 2), (128, FLOOR - 30), (146, FLOOR - 5), (156, FLOOR - 9)]))
    f.limbs.append((NEAR, [hip, (132, FLOOR - 20), (148, FLOOR - 4), (158, FLOOR - 7)]))
    rest_arm(f)
    return floor(dx) + f.svg(dx) + motion(dx, [(112, FLOOR - 58), (132, FLOOR - 62), (140, FLOOR - 42)])


def four_point(curve=0.0, head_drop=0, hip=(120, FLOOR - 38), neck=(70, FLOOR - 46)):
    """Hands and knees: knees under hips, hands under shoulders; the person faces left."""
    hx = hip[0]
    head = (neck[0] - 12, neck[1] - 4 + head_drop)
    f = Figure(hip, neck, head, curve)
    f.limbs.append((FAR, [hip, (hx - 2, FLOOR - 4), (hx + 34, FLOOR - 4), (hx + 40, FLOOR - 9)]))
    f.limbs.append((NEAR, [hip, (hx, FLOOR - 4), (hx + 36, FLOOR - 4), (hx + 42, FLOOR - 9)]))
    f.limbs.append((FAR, [neck, (neck[0] - 2, neck[1] + 22), (neck[0] - 2, FLOOR - 3)]))
    f.limbs.append((NEAR, [neck, (neck[0], neck[1] + 22), (neck[0], FLOOR - 3)]))
    return f


def cat_camel(dx, end):
    if not end:   # back rounded up (cat), head dropped
        f = four_point(curve=16, head_drop=16)
    else:         # back gently dipped (camel), head lifted a little
        f = four_point(curve=-9, head_drop=-6)
    return floor(dx) + f.svg(dx)


def bridge(dx, end):
    if not end:
        return floor(dx) + rest_arm(hook_lying()).svg(dx)
    neck = (50, FLOOR - 5)
    hip = (97, FLOOR - 32)             # on the line from the shoulder to the knee
    f = Figure(hip, neck, (38, FLOOR - HEAD_R - 1))
    f.leg((142, FLOOR - 4), +1, 0, far=True).leg((146, FLOOR - 4), +1, 0)
    f.limbs.append((NEAR, [neck, (74, FLOOR - 4), (98, FLOOR - 4)]))     # arms flat on the floor
    return floor(dx) + f.svg(dx)


def stand_legs(f, x):
    """Straight standing legs under the hip, feet flat and pointing forward (right)."""
    hx, hy = f.hip
    f.limbs.append((FAR, [(hx - 1, hy), (x - 2, hy + THIGH), (x - 3, FLOOR - 4), (x + 8, FLOOR - 4)]))
    f.limbs.append((NEAR, [f.hip, (x + 1, hy + THIGH), (x + 2, FLOOR - 4), (x + 13, FLOOR - 4)]))


def sit_to_stand(dx, end):
    seat = 118
    props = floor(dx) + chair(dx, 30, seat)
    if not end:
        hip = (50, seat - 5)
        neck = (66, seat - 52)          # trunk leaning forward from the hips
        f = Figure(hip, neck, (72, seat - 64))
        f.leg((82, FLOOR - 4), +1, 0, far=True).leg((86, FLOOR - 4), +1, 0)
        f.limbs.append((NEAR, [neck, (72, seat - 28), (88, seat - 14)]))   # hands on the thighs
        return props + f.svg(dx)
    hip = (100, FLOOR - 76)
    neck = (101, hip[1] - TORSO)
    f = Figure(hip, neck, (102, neck[1] - 12))
    stand_legs(f, 100)
    f.limbs.append((NEAR, [neck, (101, neck[1] + 26), (103, neck[1] + 50)]))
    return props + f.svg(dx)


def walking(dx, end):
    if not end:
        hip = (90, FLOOR - 76)
        neck = (91, hip[1] - TORSO)
        f = Figure(hip, neck, (92, neck[1] - 12))
        stand_legs(f, 90)
        f.limbs.append((NEAR, [neck, (91, neck[1] + 26), (93, neck[1] + 50)]))
        return floor(dx) + f.svg(dx)
    hip = (90, FLOOR - 72)
    neck = (94, hip[1] - TORSO)
    f = Figure(hip, neck, (97, neck[1] - 12))
    f.leg((62, FLOOR - 4), -1, 10, far=True)                 # back leg, pushing off
    f.leg((118, FLOOR - 4), -1, 0)                           # front leg, heel down
    f.limbs.append((FAR, [neck, (104, neck[1] + 24), (120, neck[1] + 40)]))    # far arm swings forward
    f.limbs.append((NEAR, [neck, (84, neck[1] + 24), (76, neck[1] + 46)]))     # near arm swings back
    return floor(dx) + f.svg(dx)


def knees_to_chest(dx, end):
    if not end:
        return floor(dx) + rest_arm(hook_lying()).svg(dx)
    hip, neck, head = lying()
    f = Figure(hip, neck, head)
    # thighs folded up over the tummy, shins roughly level, hands holding behind the thighs
    f.limbs.append((FAR, [(hip[0], hip[1] - 2), (84, FLOOR - 40), (117, FLOOR - 48), (117, FLOOR - 59)]))
    f.limbs.append((NEAR, [hip, (82, FLOOR - 38), (115, FLOOR - 45), (115, FLOOR - 56)]))
    f.limbs.append((NEAR, [neck, (68, FLOOR - 24), (88, FLOOR - 30)]))
    return floor(dx) + f.svg(dx)


def slider(dx, end):
    seat = 118
    props = floor(dx) + chair(dx, 30, seat)
    hip = (48, seat - 5)
    neck = (54, seat - 54)
    if not end:   # knee bent, chin down towards the lap
        f = Figure(hip, neck, (62, neck[1] - 8))
        f.leg((80, FLOOR - 4), +1, 0, far=True).leg((84, FLOOR - 4), +1, 0)
    else:         # knee straight, toes pulled up, head tipped back to look up
        f = Figure(hip, neck, (52, neck[1] - 12))
        f.leg((80, FLOOR - 4), +1, 0, far=True)
        knee = (hip[0] + THIGH, hip[1] - 2)
        ankle = polar(knee, SHIN, 12)
        f.limbs.append((NEAR, [hip, knee, ankle, polar(ankle, FOOT, 100)]))
    f.limbs.append((NEAR, [neck, (60, seat - 26), (76, seat - 12)]))       # hands resting in the lap
    return props + f.svg(dx)


def clam(dx, end):
    """Lying on the side, seen from the front and a little above: hips and knees bent, so the thighs come
    towards the viewer (down the page) and the shins go back to the feet, which stay together."""
    y = FLOOR - 12
    hip, neck = (96, y), (46, y - 2)
    f = Figure(hip, neck, (34, y - 9))
    f.limbs.append((FAR, [neck, (36, FLOOR - 3), (25, y - 12)]))              # lower arm props the head
    feet = (146, y + 1)
    f.limbs.append((FAR, [hip, (122, FLOOR - 1), feet, (156, y - 3)]))         # lower leg on the floor
    top_knee = (121, FLOOR - 36) if end else (123, FLOOR - 6)
    f.limbs.append((NEAR, [(hip[0], hip[1] - 4), top_knee, (feet[0], feet[1] - 4), (156, y - 8)]))
    f.limbs.append((NEAR, [neck, (62, FLOOR - 3), (78, FLOOR - 3)]))          # top hand on the floor in front
    extra = motion(dx, [(136, FLOOR - 14), (142, FLOOR - 34), (132, FLOOR - 46)]) if end else []
    return floor(dx) + f.svg(dx) + extra


def pelvic_tilt(dx, end):
    hip, neck, head = lying()
    f = Figure(hip, neck, head, curve=0 if end else 9)
    f.leg((144, FLOOR - 4), +1, 0, far=True).leg((148, FLOOR - 4), +1, 0)
    rest_arm(f)
    extra = motion(dx, [(100, FLOOR - 40), (88, FLOOR - 34), (94, FLOOR - 22)]) if end else []
    return floor(dx) + f.svg(dx) + extra


def prayer(dx, end):
    if not end:
        return floor(dx) + four_point().svg(dx)
    hip = (132, FLOOR - 30)                 # sitting back towards the heels
    neck = (86, FLOOR - 18)
    f = Figure(hip, neck, (73, FLOOR - 13), curve=8)
    f.limbs.append((FAR, [(hip[0] - 2, hip[1]), (98, FLOOR - 5), (133, FLOOR - 4), (143, FLOOR - 8)]))
    f.limbs.append((NEAR, [hip, (100, FLOOR - 4), (135, FLOOR - 4), (145, FLOOR - 8)]))
    f.limbs.append((NEAR, [neck, (62, FLOOR - 6), (38, FLOOR - 4)]))        # arms stretched out in front
    return floor(dx) + f.svg(dx)


def bird_dog(dx, end):
    if not end:
        return floor(dx) + four_point(hip=(102, FLOOR - 38), neck=(52, FLOOR - 46)).svg(dx)
    hip, neck = (102, FLOOR - 38), (52, FLOOR - 46)
    f = Figure(hip, neck, (neck[0] - 10, neck[1] - 8))      # head lifted, looking at the floor ahead
    hx = hip[0]
    f.limbs.append((FAR, [hip, (hx, FLOOR - 4), (hx + 34, FLOOR - 4), (hx + 40, FLOOR - 9)]))   # support knee
    k = polar(hip, THIGH, 7)
    a = polar(k, SHIN, 5)
    f.limbs.append((NEAR, [hip, k, a, polar(a, FOOT, -80)]))                                # leg reaching back
    f.limbs.append((FAR, [neck, (neck[0] - 2, neck[1] + 22), (neck[0] - 2, FLOOR - 3)]))      # support hand
    e = polar(neck, UPPER_ARM, 192)
    f.limbs.append((NEAR, [neck, e, polar(e, FOREARM, 190)]))                              # arm reaching forward
    return floor(dx) + f.svg(dx)


def dead_bug(dx, end):
    hip, neck, head = lying()
    f = Figure(hip, neck, head)
    knee = (hip[0] + 2, hip[1] - THIGH)
    foot = (knee[0] + SHIN, knee[1])
    f.limbs.append((FAR, [(hip[0], hip[1] - 1), (knee[0] - 2, knee[1]), (foot[0] - 2, foot[1]), (foot[0] + 6, foot[1] - 8)]))
    f.limbs.append((FAR, [neck, (neck[0] + 1, neck[1] - 26), (neck[0] + 2, neck[1] - 50)]))
    if not end:
        f.limbs.append((NEAR, [hip, knee, foot, (foot[0] + 8, foot[1] - 8)]))
        f.limbs.append((NEAR, [neck, (neck[0] + 3, neck[1] - 26), (neck[0] + 5, neck[1] - 50)]))
    else:
        k = polar(hip, THIGH, 14)
        a = polar(k, SHIN, 12)
        f.limbs.append((NEAR, [hip, k, a, polar(a, FOOT, 80)]))                  # leg stretched out low
        e = polar(neck, UPPER_ARM, 158)
        f.limbs.append((NEAR, [neck, e, polar(e, FOREARM, 162)]))                # arm reaching back
    return floor(dx) + f.svg(dx)


def hip_flexor(dx, end):
    """Half-kneeling: back knee on a cushion under the hip, front foot flat, front knee at a right angle;
    in the end position the hips (and the front knee) move forward."""
    back_knee = (80, FLOOR - 8)
    foot = (118, FLOOR - 4)
    hip = (92, FLOOR - 37) if end else (80, FLOOR - 40)
    front_knee = (128, FLOOR - 38) if end else (118, FLOOR - 40)
    neck = (hip[0] + 1, hip[1] - TORSO)
    f = Figure(hip, neck, (neck[0] + 1, neck[1] - 12))
    f.limbs.append((FAR, [hip, back_knee, (back_knee[0] - SHIN, FLOOR - 5), (back_knee[0] - SHIN - 8, FLOOR - 4)]))
    f.limbs.append((NEAR, [hip, front_knee, foot, (foot[0] + FOOT, foot[1])]))
    f.limbs.append((NEAR, [neck, (neck[0] + 5, neck[1] + 24), (hip[0] + 4, hip[1] - 3)]))   # hand on the hip
    return floor(dx) + cushion(dx, back_knee[0]) + f.svg(dx)


def hamstring(dx, end):
    hip, neck, head = lying()
    f = Figure(hip, neck, head)
    f.leg((144, FLOOR - 4), +1, 0, far=True)
    if not end:
        f.leg((148, FLOOR - 4), +1, 0)
        return floor(dx) + rest_arm(f).svg(dx)
    else:
        k = polar(hip, THIGH, 72)
        foot = polar(k, SHIN, 72)
        f.limbs.append((NEAR, [hip, k, foot, polar(foot, FOOT, 160)]))
        hand = (84, FLOOR - 46)
    f.limbs.append((NEAR, [neck, (66, FLOOR - 24), hand]))
    towel = [f'<polyline points="{hand[0] + dx:.1f},{hand[1]:.1f} {foot[0] + dx + 3:.1f},{foot[1] - 3:.1f}" '
             f'stroke="#808080" stroke-width="2"/>']
    return floor(dx) + f.svg(dx) + towel


def press_up(dx, end):
    hip, neck, head = lying(hip_x=80, head_left=False)
    legs = [(FAR, [(hip[0], hip[1] - 1), (hip[0] - THIGH, FLOOR - 6), (hip[0] - THIGH - SHIN, FLOOR - 6),
                   (hip[0] - THIGH - SHIN - 3, FLOOR - 15)]),
            (NEAR, [hip, (hip[0] - THIGH, FLOOR - 4), (hip[0] - THIGH - SHIN, FLOOR - 4),
                    (hip[0] - THIGH - SHIN - 3, FLOOR - 13)])]
    if not end:
        f = Figure(hip, neck, head)
        f.limbs += legs
        f.limbs.append((NEAR, [neck, (neck[0] - 12, FLOOR - 20), (neck[0] + 4, FLOOR - 4)]))   # hand by the shoulder
    else:
        neck = (hip[0] + 38, FLOOR - 46)
        f = Figure(hip, neck, (neck[0] + 8, neck[1] - 9), curve=-7)     # lower back sags
        f.limbs += legs
        f.limbs.append((NEAR, [neck, (neck[0] + 1, neck[1] + 21), (neck[0] + 2, FLOOR - 4)]))  # arms straight
    return floor(dx) + f.svg(dx)


def side_plank(dx, end):
    # lying on the side, seen from the front: knees on the left, propped up on the forearm on the right
    knee = (56, FLOOR - 4)
    shoulder = (138, FLOOR - 30)
    elbow = (138, FLOOR - 4)
    hip = (100, FLOOR - 17) if end else (96, FLOOR - 5)
    d = math.hypot(shoulder[0] - hip[0], shoulder[1] - hip[1])
    u = ((shoulder[0] - hip[0]) / d, (shoulder[1] - hip[1]) / d)
    f = Figure(hip, shoulder, (shoulder[0] + u[0] * 13, shoulder[1] + u[1] * 13))
    # shins point back, away from the viewer (drawn short, rising behind the knees)
    f.limbs.append((FAR, [(hip[0], hip[1] - 2), (knee[0] - 2, knee[1] - 3), (knee[0] - 12, knee[1] - 16)]))
    f.limbs.append((NEAR, [hip, knee, (knee[0] - 14, knee[1] - 12)]))
    f.limbs.append((NEAR, [shoulder, elbow, (elbow[0] + 22, FLOOR - 4)]))          # forearm on the floor
    return floor(dx) + f.svg(dx)


EXERCISES = {
    "knee-rocks": knee_rocks, "cat-camel": cat_camel, "bridge": bridge, "sit-to-stand": sit_to_stand,
    "walking": walking, "knees-to-chest": knees_to_chest, "sciatic-nerve-slider": slider, "clam": clam,
    "pelvic-tilt": pelvic_tilt, "prayer-stretch": prayer, "bird-dog": bird_dog, "dead-bug": dead_bug,
    "hip-flexor-stretch": hip_flexor, "hamstring-stretch": hamstring, "press-up": press_up,
    "side-plank-knees": side_plank,
}


def picture(draw):
    body = draw(0, False) + middle_arrow() + draw(220, True)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" width="400" height="200">\n'
            '<rect width="400" height="200" fill="#ffffff"/>\n'
            f'<g fill="none" stroke-width="{STROKE}" stroke-linecap="round" stroke-linejoin="round">\n'
            + "\n".join(body) + "\n</g>\n</svg>\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "content", "exercises", "images")
    os.makedirs(out, exist_ok=True)
    for ident, draw in EXERCISES.items():
        with open(os.path.join(out, ident + ".svg"), "w", encoding="utf-8") as f:
            f.write(picture(draw))


if __name__ == "__main__":
    main()
