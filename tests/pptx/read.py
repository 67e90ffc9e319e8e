"""Read a PPTX back with python-pptx (a reader deck does not write with)
and print what the end-to-end tests check, as JSON: the slide size, and
per slide its layout, title, paragraphs (text, list level, bullet kind),
tables, pictures, links and notes."""

import json
import sys

from pptx import Presentation
from pptx.util import Emu

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def bullet(paragraph):
    ppr = paragraph._p.pPr
    if ppr is None:
        return None
    for kind in ("buChar", "buAutoNum", "buNone"):
        found = ppr.find(A + kind)
        if found is not None:
            if kind == "buChar":
                return "char:" + found.get("char")
            if kind == "buAutoNum":
                return "number:%s:%s" % (found.get("type"), found.get("startAt"))
            return None
    return None


def links(slide, paragraph):
    out = []
    for run in paragraph.runs:
        click = run._r.find(A + "rPr/" + A + "hlinkClick")
        if click is None:
            continue
        rel = slide.part.rels[click.get(R + "id")]
        if rel.is_external:
            out.append({"text": run.text, "url": rel.target_ref})
        else:
            out.append({"text": run.text, "slide": rel.target_part.partname.split("/")[-1],
                        "action": click.get("action")})
    return out


def shape_info(slide, shape, info):
    box = [round(Emu(v).pt, 2) for v in (shape.left, shape.top, shape.width, shape.height)]
    if shape.has_text_frame:
        for paragraph in shape.text_frame.paragraphs:
            text = paragraph.text.replace("\u200b", "")
            if not text.strip():
                continue
            fields = [f.get("type") for f in paragraph._p.iter(A + "fld")]
            info["paragraphs"].append({"text": text, "level": paragraph.level, "bullet": bullet(paragraph),
                                       "shape": shape.name, "box": box, "fields": fields})
            info["links"].extend(links(slide, paragraph))
    if shape.has_table:
        rows = [[cell.text for cell in row.cells] for row in shape.table.rows]
        info["tables"].append({"rows": rows, "box": box,
                               "heights": [round(Emu(r.height).pt, 2) for r in shape.table.rows]})
    if shape.shape_type is not None and shape.shape_type == 13:  # PICTURE
        blip = shape._element.find(".//" + A + "blip")
        svg = blip is not None and any(e.tag.endswith("svgBlip") for e in blip.iter())
        info["pictures"].append({"box": box, "type": shape.image.content_type, "svg": svg,
                                 "descr": shape._element.nvPicPr.cNvPr.get("descr")})


def main(path):
    deck = Presentation(path)
    out = {"width": round(Emu(deck.slide_width).pt, 2), "height": round(Emu(deck.slide_height).pt, 2),
           "layouts": [layout.name for layout in deck.slide_layouts], "slides": []}
    for slide in deck.slides:
        info = {"layout": slide.slide_layout.name,
                "title": slide.shapes.title.text if slide.shapes.title is not None else None,
                "paragraphs": [], "tables": [], "pictures": [], "links": [], "notes": None}
        for shape in slide.shapes:
            shape_info(slide, shape, info)
        if slide.has_notes_slide:
            info["notes"] = slide.notes_slide.notes_text_frame.text
        out["slides"].append(info)
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
