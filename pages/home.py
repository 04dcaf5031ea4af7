"""Home: what deep learning is (AI ⊃ ML ⊃ DL, as in the lectures) and a gallery of the demos."""
import streamlit as st

from ui.i18n import t
from ui.page import setup_page
from ui.registry import existing_pages

setup_page("home")

st.title(t("home.heading"))
st.markdown(t("home.intro"))
st.markdown(
    f"""
<div style="display:flex;justify-content:center;margin:0.5rem 0 1rem;font-size:15px;text-align:center;line-height:1.2">
 <div style="border-radius:50%;background:#e7f0ff;width:320px;height:320px;display:flex;flex-direction:column;
             align-items:center;justify-content:flex-start;padding-top:18px;box-sizing:border-box">
  <b>{t("home.circle_ai")}</b>
  <div style="border-radius:50%;background:#c5d9ff;width:220px;height:220px;display:flex;flex-direction:column;
              align-items:center;justify-content:flex-start;padding-top:16px;margin-top:8px;box-sizing:border-box">
   <b>{t("home.circle_ml")}</b>
   <div style="border-radius:50%;background:#3b5bdb;color:white;width:120px;height:120px;display:flex;
               align-items:center;justify-content:center;margin-top:12px"><b>{t("home.circle_dl")}</b></div>
  </div>
 </div>
</div>
""",
    unsafe_allow_html=True,
)
st.caption(t("home.lectures"))

st.header(t("home.gallery"))
pages = existing_pages()
for row_start in range(0, len(pages), 2):
    cols = st.columns(2)
    for col, page in zip(cols, pages[row_start : row_start + 2]):
        with col.container(border=True):  # one markdown and one link a card: every visitor's first page
            st.markdown(f"<div style='font-size:3rem;line-height:1'>{page.icon}</div>\n\n"
                        f"### {t(f'{page.key}.title')}\n\n{t(f'{page.key}.card')}", unsafe_allow_html=True)
            st.page_link(page.path, label=t("home.open"), icon="➡️")
