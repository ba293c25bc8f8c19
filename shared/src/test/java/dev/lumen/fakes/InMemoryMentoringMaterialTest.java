package dev.lumen.fakes;

import dev.lumen.contract.MentoringMaterialContract;
import dev.lumen.domain.custody.MentoringMaterial;

class InMemoryMentoringMaterialTest extends MentoringMaterialContract {
    @Override
    protected MentoringMaterial newMaterial() {
        return new InMemoryMentoringMaterial();
    }
}
